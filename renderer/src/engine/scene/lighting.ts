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

const INDOOR: ReadonlySet<SettingId> = new Set(['gym', 'studio', 'room', 'gymnastics']);

/** The clock hour each time of day stands for: at these hours the light is exactly SKIES'. */
export const HOUR_OF: Record<TimeOfDay, number> = { dawn: 6.5, day: 13, dusk: 19, night: 23 };

/**
 * The sky through a whole day: keys at clock hours, the canonical times of day among them, with
 * the sun low in the afternoon, setting below the horizon after dusk and rising before dawn.
 */
const DAY_KEYS: Array<{ hour: number; light: Omit<Lighting, 'night'>; night: boolean }> = [
	{ hour: 0, light: SKIES.night, night: true },
	{ hour: 5, light: SKIES.night, night: true },
	{
		hour: 5.8,
		light: {
			skyTop: '#2e3a78',
			skyBottom: '#d58a7a',
			tint: '#c8b8c8',
			sun: { x: 0.16, y: 0.62, colour: '#ffd9a0', radius: 0.07 },
		},
		night: false,
	},
	{ hour: 6.5, light: SKIES.dawn, night: false },
	{
		hour: 9,
		light: {
			skyTop: '#4f8ee0',
			skyBottom: '#cfe6fb',
			tint: '#fff6ee',
			sun: { x: 0.35, y: 0.25, colour: '#fff6d8', radius: 0.062 },
		},
		night: false,
	},
	{ hour: 13, light: SKIES.day, night: false },
	{
		hour: 16.5,
		light: {
			skyTop: '#3a80d0',
			skyBottom: '#f3e0bc',
			tint: '#fff3e0',
			sun: { x: 0.74, y: 0.3, colour: '#fff0c8', radius: 0.065 },
		},
		night: false,
	},
	{ hour: 19, light: SKIES.dusk, night: false },
	{
		hour: 19.8,
		light: {
			skyTop: '#1d1848',
			skyBottom: '#e0604a',
			tint: '#e0a090',
			sun: { x: 0.68, y: 0.66, colour: '#ff8a50', radius: 0.09 },
		},
		night: false,
	},
	{ hour: 21, light: SKIES.night, night: true },
	{ hour: 24, light: SKIES.night, night: true },
];

/** The light at any clock hour (0–24), blending the neighbouring keys. */
export function skyAtHour(hour: number): { light: Omit<Lighting, 'night'>; night: boolean } {
	const h = ((hour % 24) + 24) % 24;
	let i = 0;
	while (i < DAY_KEYS.length - 2 && DAY_KEYS[i + 1].hour <= h) i++;
	const a = DAY_KEYS[i];
	const b = DAY_KEYS[i + 1];
	const t = b.hour > a.hour ? (h - a.hour) / (b.hour - a.hour) : 0;
	if (t === 0) return { light: a.light, night: a.night };
	const sunA = a.light.sun;
	const sunB = b.light.sun;
	const sun =
		sunA && sunB
			? {
					x: sunA.x + (sunB.x - sunA.x) * t,
					y: sunA.y + (sunB.y - sunA.y) * t,
					colour: mix(sunA.colour, sunB.colour, t),
					radius: sunA.radius + (sunB.radius - sunA.radius) * t,
				}
			: t < 0.5
				? sunA
				: sunB;
	return {
		light: {
			skyTop: mix(a.light.skyTop, b.light.skyTop, t),
			skyBottom: mix(a.light.skyBottom, b.light.skyBottom, t),
			tint: mix(a.light.tint, b.light.tint, t),
			sun,
		},
		night: t < 0.5 ? a.night : b.night,
	};
}

/** The light of a setting at a time of day, or at a clock hour when one is given. */
export function lightingFor(
	setting: SettingId,
	timeOfDay: TimeOfDay,
	weather: Weather,
	hour?: number,
): Lighting {
	if (setting === 'space')
		return { skyTop: '#000005', skyBottom: '#0b0828', tint: '#ffffff', night: true };
	const clock =
		setting === 'city-night' || hour === undefined
			? {
					light: SKIES[setting === 'city-night' ? 'night' : timeOfDay],
					night: setting === 'city-night' || timeOfDay === 'night',
				}
			: skyAtHour(hour);
	const base = clock.light;
	const night = clock.night;
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
