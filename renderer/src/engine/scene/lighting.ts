/**
 * Lighting by time of day and weather: the sky gradient behind outdoor settings and the colour
 * the whole frame is multiplied by (warm at dawn and dusk, blue and dark at night, grey in rain).
 */
import type { SettingId, TimeOfDay, Weather } from '../storyboard';
import { mix } from './colour';

export interface Lighting {
	skyTop: string;
	skyBottom: string;
	/** Multiplied over the frame; #ffffff leaves it unchanged. */
	tint: string;
	/** Sun or moon: where it sits (0..1 of the frame) and its colour; absent when hidden. */
	sun?: { x: number; y: number; colour: string; radius: number };
	night: boolean;
}

const SKIES: Record<TimeOfDay, Omit<Lighting, 'night'>> = {
	dawn: {
		skyTop: '#6f7fc4',
		skyBottom: '#ffc7a0',
		tint: '#ffe2cf',
		sun: { x: 0.2, y: 0.55, colour: '#fff1c4', radius: 0.07 },
	},
	day: {
		skyTop: '#3d8fe0',
		skyBottom: '#bfe3ff',
		tint: '#ffffff',
		sun: { x: 0.78, y: 0.12, colour: '#fffbe0', radius: 0.06 },
	},
	dusk: {
		skyTop: '#2a1f5c',
		skyBottom: '#ff8a4c',
		tint: '#ffc9a6',
		sun: { x: 0.7, y: 0.5, colour: '#ffb36b', radius: 0.09 },
	},
	night: {
		skyTop: '#03040c',
		skyBottom: '#1b2550',
		tint: '#7c88c4',
		sun: { x: 0.8, y: 0.12, colour: '#e8ecff', radius: 0.04 },
	},
};

const INDOOR: ReadonlySet<SettingId> = new Set(['gym', 'studio', 'room']);

export function lightingFor(setting: SettingId, timeOfDay: TimeOfDay, weather: Weather): Lighting {
	if (setting === 'space')
		return { skyTop: '#000005', skyBottom: '#0b0828', tint: '#ffffff', night: true };
	const base = SKIES[setting === 'city-night' ? 'night' : timeOfDay];
	const night = setting === 'city-night' || timeOfDay === 'night';
	let { skyTop, skyBottom, tint } = base;
	let sun = base.sun;
	if (weather === 'rain' || weather === 'snow' || weather === 'fog') {
		const grey = weather === 'snow' ? '#d8dde6' : weather === 'fog' ? '#b9bec6' : '#59606b';
		skyTop = mix(skyTop, grey, night ? 0.25 : 0.7);
		skyBottom = mix(skyBottom, grey, night ? 0.25 : 0.7);
		tint = mix(tint, weather === 'rain' ? '#aab4c4' : '#e6e9f0', 0.5);
		sun = undefined;
	}
	// Interiors are lit by lamps: the time of day only tints them lightly through the windows.
	if (INDOOR.has(setting)) tint = mix('#ffffff', tint, 0.3);
	return { skyTop, skyBottom, tint, sun, night };
}
