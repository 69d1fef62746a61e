/** The settings the scene renderer can paint, by SettingId. */
import type { SettingId } from '../../storyboard';
import { cityNight } from './city';
import { gym, room, studio } from './indoor';
import { beach, forest, mountains } from './outdoor';
import type { SettingPainter } from './painter';
import { space } from './space';

export const SETTINGS: Record<SettingId, SettingPainter> = {
	'city-night': cityNight,
	beach,
	forest,
	mountains,
	gym,
	studio,
	space,
	room,
};

export type { SceneGeometry, SettingPainter } from './painter';
