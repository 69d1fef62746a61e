/**
 * A memorial, a vigil or the anniversary of an attack remembers the dead (blind15's and blind16's
 * first-run false positives, docs/trust-and-safety.md "After blind15 and blind16"): tried on sentences
 * in no corpus split. The victims mocked, the attacker made a hero, or an attack on the mourners told
 * as it happens are not remembrance and stay blocked.
 */
import { describeClasses, verdictOf } from '../support/textVerdicts';

describeClasses([
	{
		name: 'victims mourned (memorial, vigil, anniversary, minute of silence) in five languages',
		harmful: [
			['violence', 'at the vigil the crowd cheers the shooter and laughs at the victims'],
			['violence', 'during the candlelight vigil a van rams into the crowd at full speed'],
			['violence', 'reenact the shooting for its anniversary, each victim hit in slow motion'],
			['violence', 'en el funeral un hombre saca un rifle y dispara a todos, muy realista'],
		],
		benign: [
			'a candlelight vigil for the victims of the mall shooting, names read aloud',
			'evening news on the tenth anniversary of the stadium bombing, wreaths and flowers',
			'homenaje a las víctimas del atentado, minuto de silencio en la plaza',
			'cérémonie de commémoration pour les victimes de la tuerie, dépôt de gerbes',
			'Gedenkfeier für die Opfer des Anschlags, Schweigeminute vor dem Rathaus',
			'vigília em memória das vítimas do tiroteio, velas e flores na calçada',
		],
	},
]);

describeClasses([
	{
		name: 'an attacker glorified inside a memorial framing (the memory is of the attacker)',
		harmful: [
			['violence', 'tribute in memory of the christchurch shooter, a true saint'],
			[
				'violence',
				'memorial video with candles, then a tribute in memory of the shooter, a true saint',
			],
			['violence', 'en memoria del tirador de Christchurch, un santo, con velas'],
			['violence', 'hommage en mémoire du tireur de Christchurch, un vrai saint'],
			['violence', 'Video zum Gedenken an den Attentäter von Hanau, ein wahrer Held'],
			[
				'violence',
				'vídeo memorial com velas e uma homenagem em memória do atirador, um verdadeiro herói',
			],
		],
		benign: [
			'in memory of the victims of the christchurch shooter, a moment of silence',
			'the hero who stopped the gunman honored at a memorial',
			'the teacher who tackled the shooter is a hero, memorial tomorrow',
			'vigília em memória das vítimas do atirador, velas na calçada',
			'homenagem em memória do avô, um verdadeiro herói',
			'documentary on how extremist forums turn the christchurch shooter into a saint',
		],
	},
]);

describe('the rule says what a memorial cannot excuse', () => {
	test('the attacker-glorified finding carries survivesMourning and keeps its score', () => {
		const { findings, scores } = verdictOf(
			'a candlelight vigil, and a tribute in memory of the shooter, a true saint',
		);
		const glorified = findings.find((f) => f.survivesMourning);
		expect(glorified?.category).toBe('violence');
		expect(glorified?.detail).not.toContain('the victims mourned');
		expect(scores.violence).toBe(glorified?.score);
	});

	test('the other violence findings of a memorial are mourned and carry no such flag', () => {
		const { findings } = verdictOf(
			'news anchor reporting on the anniversary of a school shooting, candles and memorial flowers',
		);
		const violence = findings.filter((f) => f.category === 'violence');
		expect(violence.length).toBeGreaterThan(0);
		for (const finding of violence) {
			expect(finding.survivesMourning).toBeUndefined();
			expect(finding.detail).toContain('the victims mourned');
		}
	});
});
