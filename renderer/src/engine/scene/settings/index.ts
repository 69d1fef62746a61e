/** The settings the scene renderer can paint, by SettingId. */
import type { SettingId } from '../../storyboard';
import { cityNight } from './city';
import { gym, gymnastics, room, studio } from './indoor';
import { beach, forest, mountains, yard } from './outdoor';
import type { SettingPainter } from './painter';
import { space } from './space';
import { lake, pool, river } from './water';

export const SETTINGS: Record<SettingId, SettingPainter> = {
	'city-night': cityNight,
	beach,
	forest,
	mountains,
	gym,
	studio,
	space,
	room,
	lake,
	pool,
	river,
	yard,
	gymnastics,
};

export type { SceneGeometry, SettingPainter } from './painter';
