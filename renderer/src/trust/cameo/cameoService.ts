/**
 * The cameo registry: consented likenesses people register of themselves and let others use.
 * Registration → randomised reading script → recording checked (face + spoken script) → active.
 * The owner sets privacy (private / restricted to listed API keys / public) and can revoke at any
 * time; revocation is announced to `onRevoke` listeners (the job runner fails pending renders, the
 * publisher unpublishes). Every use and refused use is written to the cameo's audit log.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CameoAsset, CameoResolver } from '../../pipeline/render';
import { ApiError } from '../../spec/errors';
import type { Store } from '../../store/store';
import { randomBytes } from 'node:crypto';
import { newId } from '../../ids';
import type { CameoConsent } from '../moderation/moderator';
import type {
	AuditEvent,
	CameoAuditEntry,
	CameoRecord,
	Privacy,
	VoiceCloneState,
} from './cameoRecord';
import type { VoiceCloner } from './voiceClone';
import { PRIVACY_LEVELS } from './cameoRecord';
import { checkRecording } from './recording';
import { randomScript } from './script';
import { TextRules } from '../moderation/textRules';

export interface CameoServiceConfig {
	store: Pick<Store, 'collection'>;
	/** Assets (cut-outs) live under `<dataDir>/cameos/<id>/`. */
	dataDir: string;
	/** Share of script words that must be heard, in order. */
	matchThreshold?: number;
	/** Recordings allowed before the registration is rejected for good. */
	maxAttempts?: number;
	log?: (message: string, fields?: Record<string, unknown>) => void;
	/** Extra protected real people (the moderation lists); the built-in famous-people list always applies. */
	realPeople?: string[];
	/** A provider that clones voices (ElevenLabs); without one, voice-cloning consent is recorded but unused. */
	voiceCloner?: VoiceCloner;
}

export interface CameoConsentsInput {
	/** Allow the owner's recorded voice to be cloned at the configured provider and used for the cameo's lines. */
	voiceCloning?: boolean;
}

export type RevokeListener = (cameo: CameoRecord) => Promise<void> | void;

export interface CameoService extends CameoResolver, CameoConsent {
	register(
		caller: { keyId: string },
		input: {
			name: string;
			privacy?: Privacy;
			allowedKeyIds?: string[];
			consents?: CameoConsentsInput;
		},
	): Promise<CameoRecord>;
	/** Records (audited) the owner's consent to a further use; granting voice cloning clones now, withdrawing deletes the clone. */
	setConsent(
		cameoId: string,
		caller: { keyId: string },
		input: CameoConsentsInput,
		signal?: AbortSignal,
	): Promise<CameoRecord>;
	/** Retries provider deletions of cloned voices that failed (revocations, withdrawals). */
	sweepVoiceDeletions(): Promise<number>;
	/** Checks a recording; resolves with the updated record (active, or still awaiting with `rejection`). */
	submitRecording(
		cameoId: string,
		caller: { keyId: string },
		videoPath: string,
		signal?: AbortSignal,
	): Promise<CameoRecord>;
	get(cameoId: string, caller: { keyId: string }): Promise<CameoRecord>;
	list(caller: { keyId: string }): Promise<CameoRecord[]>;
	setPrivacy(
		cameoId: string,
		caller: { keyId: string },
		input: { privacy?: Privacy; allowedKeyIds?: string[] },
	): Promise<CameoRecord>;
	revoke(cameoId: string, caller: { keyId: string }): Promise<CameoRecord>;
	audit(cameoId: string, caller: { keyId: string }, limit?: number): Promise<CameoAuditEntry[]>;
	/** Every render the cameo was resolved for, with the key that used it (from the audit log). */
	usesOf(cameoId: string): Promise<Array<{ renderId: string; keyId: string }>>;
	/** Called after a revocation; returns a function that removes the listener. */
	onRevoke(listener: RevokeListener): () => void;
	/** Whether this caller may use the cameo in a render now. */
	mayUse(cameo: CameoRecord, keyId: string): boolean;
	/**
	 * At submit: refuses (with `pointer`) a cameo the caller may not use now, before anything is
	 * accepted or charged. The refusal is written to the cameo's audit log. Returns what the planner
	 * takes of the cameo (its look and voice) as it reads now, so admission plans with it; the use
	 * itself is logged when the render resolves the cameo again (`resolveForRender`).
	 */
	checkUsable(cameoId: string, caller: { keyId: string }, pointer: string): Promise<CameoAsset>;
	/** Every active cameo this caller may cast: their own, public ones, restricted ones that list them. */
	usableBy(caller: { keyId: string }): Promise<CameoRecord[]>;
	/**
	 * What a published video may say about a cameo it shows (its provenance badge): the name, whether
	 * it is still active, and when the person's consent recording was accepted.
	 */
	consentOf(cameoId: string): Promise<CameoConsentRecord | undefined>;
}

export interface CameoConsentRecord {
	cameoId: string;
	name: string;
	status: CameoRecord['status'];
	privacy: Privacy;
	/** When the recording of the person reading their script was accepted. */
	consentedAt?: string;
	revokedAt?: string;
}

/**
 * Audit ids sort in the order events happened: milliseconds, then a counter for events within the
 * same millisecond in this process (a random suffix alone would order those by chance), then
 * randomness so two processes never collide.
 */
let lastMs = 0;
let sameMs = 0;
function auditSequence(): string {
	const now = Date.now();
	sameMs = now <= lastMs ? sameMs + 1 : 0;
	lastMs = Math.max(lastMs, now);
	return `${lastMs.toString(36).padStart(9, '0')}${sameMs.toString(36).padStart(4, '0')}${randomBytes(4).toString('hex')}`;
}

/** What a render takes of a usable (active) cameo: the cut-out, the measured voice, the clone. */
function assetOf(cameo: CameoRecord): CameoAsset {
	const clonedVoice =
		cameo.consents?.voiceCloning?.granted && cameo.voiceClone?.status === 'ready'
			? cameo.voiceClone.voice
			: undefined;
	return {
		id: cameo.id,
		cutoutPath: cameo.assets!.cutoutPath,
		voice: cameo.assets!.voice,
		...(clonedVoice ? { clonedVoice } : {}),
	};
}

export function createCameoService(config: CameoServiceConfig): CameoService {
	const cameos = config.store.collection<CameoRecord>('cameos');
	const auditLog = config.store.collection<CameoAuditEntry>('cameo_audit');
	const listeners = new Set<RevokeListener>();
	const matchThreshold = config.matchThreshold ?? 0.8;
	const maxAttempts = config.maxAttempts ?? 5;
	// Built on the first cameo created, not with the service: the index takes ~1 s of CPU, and a
	// process that only renders (`reelforge render`, a worker) never needs it.
	let famousRules: TextRules | undefined;
	const famous = () => (famousRules ??= new TextRules({ realPeople: config.realPeople }));

	async function record(
		cameoId: string,
		event: AuditEvent,
		keyId: string,
		extra: { renderId?: string; detail?: string } = {},
	) {
		// Audit ids start with the cameo id so one cameo's log is a prefix scan, newest first.
		const entry: CameoAuditEntry = {
			id: `${cameoId}.${auditSequence()}`,
			cameoId,
			at: new Date().toISOString(),
			event,
			keyId,
			...extra,
		};
		await auditLog.put(entry.id, entry);
	}

	/** The owner's view; anyone else is told it does not exist, so ids cannot be probed. */
	async function owned(cameoId: string, caller: { keyId: string }): Promise<CameoRecord> {
		const cameo = /^cam_[A-Za-z0-9]+$/.test(cameoId) ? await cameos.get(cameoId) : undefined;
		if (!cameo || cameo.ownerKeyId !== caller.keyId) throw ApiError.notFound(`Cameo ${cameoId}`);
		return cameo;
	}

	function checkPrivacy(input: { privacy?: Privacy; allowedKeyIds?: string[] }) {
		if (input.privacy !== undefined && !PRIVACY_LEVELS.includes(input.privacy)) {
			throw ApiError.invalid('Unknown privacy level.', [
				{ path: '/privacy', message: `must be one of: ${PRIVACY_LEVELS.join(', ')}` },
			]);
		}
	}

	const now = () => new Date().toISOString();

	async function setClone(cameoId: string, state: VoiceCloneState): Promise<CameoRecord> {
		return (await cameos.update(cameoId, (current) => ({ ...current, voiceClone: state })))!;
	}

	/** Deletes the cameo's cloned voice at the provider; a failure is kept for the sweep to retry. */
	async function deleteClone(cameo: CameoRecord, keyId: string): Promise<CameoRecord> {
		const state = cameo.voiceClone;
		if (!state?.providerVoiceId) return cameo;
		const cloner = config.voiceCloner;
		try {
			if (!cloner || cloner.provider !== state.provider)
				throw new Error(`no ${state.provider} voice-cloning provider is configured to delete it`);
			await cloner.remove(state.providerVoiceId);
			await record(cameo.id, 'voice.clone_deleted', keyId, { detail: state.provider });
			return setClone(cameo.id, { status: 'deleted', provider: state.provider, at: now() });
		} catch (error) {
			const reason = (error as Error).message.slice(0, 300);
			await record(cameo.id, 'voice.clone_delete_failed', keyId, { detail: reason });
			config.log?.('cloned voice deletion failed; will retry', { cameoId: cameo.id, reason });
			return setClone(cameo.id, {
				status: 'delete_pending',
				provider: state.provider,
				providerVoiceId: state.providerVoiceId,
				reason,
				at: now(),
			});
		}
	}

	/** Clones the owner's voice when they consented, the cameo is active and a provider is configured. */
	async function cloneVoice(
		cameoId: string,
		keyId: string,
		signal?: AbortSignal,
	): Promise<CameoRecord | undefined> {
		const cameo = await cameos.get(cameoId);
		if (!cameo || cameo.status !== 'active' || !cameo.consents?.voiceCloning?.granted) return cameo;
		if (cameo.voiceClone?.status === 'ready') return cameo;
		const cloner = config.voiceCloner;
		if (!cloner)
			return setClone(cameoId, {
				status: 'unavailable',
				reason: 'no voice-cloning provider is configured on this renderer',
				at: now(),
			});
		if (!cameo.assets?.voiceSamplePath)
			return setClone(cameoId, {
				status: 'failed',
				provider: cloner.provider,
				reason: 'no voice sample was kept from the recording',
				at: now(),
			});
		let cloned;
		try {
			cloned = await cloner.clone({
				// The provider gets the cameo id, not the person's name.
				name: `reelforge-${cameo.id}`,
				description: `Consented cameo voice ${cameo.id} (Reelforge)`,
				audio: await readFile(cameo.assets.voiceSamplePath),
				signal,
			});
		} catch (error) {
			const reason = (error as Error).message.slice(0, 300);
			await record(cameoId, 'voice.clone_failed', keyId, { detail: reason });
			return setClone(cameoId, { status: 'failed', provider: cloner.provider, reason, at: now() });
		}
		const updated = await setClone(cameoId, {
			status: 'ready',
			provider: cloner.provider,
			voice: cloned.voice,
			providerVoiceId: cloned.providerVoiceId,
			requiresVerification: cloned.requiresVerification,
			at: now(),
		});
		await record(cameoId, 'voice.cloned', keyId, { detail: cloner.provider });
		// Revoked or withdrawn while the provider was cloning: the clone must not outlive the consent.
		if (updated.status !== 'active' || !updated.consents?.voiceCloning?.granted)
			return deleteClone(updated, keyId);
		return updated;
	}

	const mayUse = (cameo: CameoRecord, keyId: string) =>
		cameo.status === 'active' &&
		(cameo.ownerKeyId === keyId ||
			cameo.privacy === 'public' ||
			(cameo.privacy === 'restricted' && cameo.allowedKeyIds.includes(keyId)));

	const service: CameoService = {
		mayUse,

		async register(caller, input) {
			checkPrivacy(input);
			const name = input.name?.trim();
			if (!name)
				throw ApiError.invalid('A cameo needs the name of the person it shows.', [
					{ path: '/name', message: 'is required' },
				]);
			// The recording proves a person is present, not who they are: a cameo named after a protected
			// real person would launder their likeness, so such names are refused (an operator verifies those).
			const protectedName = famous().analyse(name).namedPeople[0];
			if (protectedName)
				throw new ApiError(
					403,
					'cameo_name_protected',
					`"${protectedName}" is a protected real person; such cameos need verification by the operator.`,
					[{ path: '/name', message: 'names a protected real person' }],
				);
			const now = new Date().toISOString();
			const cameo: CameoRecord = {
				id: newId('cam'),
				object: 'cameo',
				ownerKeyId: caller.keyId,
				name,
				status: 'awaiting_recording',
				privacy: input.privacy ?? 'private',
				allowedKeyIds: [...new Set(input.allowedKeyIds ?? [])],
				script: randomScript(),
				attempts: 0,
				createdAt: now,
				updatedAt: now,
				...(input.consents?.voiceCloning !== undefined
					? {
							consents: {
								voiceCloning: {
									granted: input.consents.voiceCloning,
									at: now,
									keyId: caller.keyId,
								},
							},
						}
					: {}),
			};
			await cameos.create(cameo.id, cameo);
			await record(cameo.id, 'registered', caller.keyId, { detail: `privacy ${cameo.privacy}` });
			if (input.consents?.voiceCloning)
				await record(cameo.id, 'consent.granted', caller.keyId, { detail: 'voice-cloning' });
			return cameo;
		},

		async submitRecording(cameoId, caller, videoPath, signal = new AbortController().signal) {
			const cameo = await owned(cameoId, caller);
			if (cameo.status !== 'awaiting_recording')
				throw ApiError.conflict(
					'cameo_not_awaiting_recording',
					`Cameo ${cameoId} is ${cameo.status}; a recording is only accepted while it awaits one.`,
				);
			const outputDir = join(config.dataDir, 'cameos', cameoId);
			await mkdir(outputDir, { recursive: true });
			const workDir = await mkdtemp(join(tmpdir(), 'reelforge-cameo-'));
			try {
				const result = await checkRecording({
					videoPath,
					scriptWords: cameo.script.words,
					workDir,
					outputDir,
					matchThreshold,
					signal,
				});
				const now = new Date().toISOString();
				const updated = await cameos.update(cameoId, (current) => {
					const attempts = current.attempts + 1;
					if (result.accepted)
						return {
							...current,
							attempts,
							status: 'active',
							checks: result.checks,
							assets: {
								cutoutPath: result.cutoutPath,
								voice: result.voice,
								voiceSamplePath: result.voiceSamplePath,
							},
							rejection: undefined,
							updatedAt: now,
						};
					return {
						...current,
						attempts,
						status: attempts >= maxAttempts ? 'rejected' : 'awaiting_recording',
						checks: result.checks,
						rejection: { code: result.code, reason: result.reason, at: now },
						updatedAt: now,
					};
				});
				await record(
					cameoId,
					result.accepted ? 'recording.accepted' : 'recording.rejected',
					caller.keyId,
					{ detail: result.accepted ? undefined : `${result.code}: ${result.reason}` },
				);
				config.log?.('cameo recording checked', { cameoId, accepted: result.accepted });
				if (result.accepted && updated?.consents?.voiceCloning?.granted)
					return (await cloneVoice(cameoId, caller.keyId, signal)) ?? updated;
				return updated!;
			} finally {
				await rm(workDir, { recursive: true, force: true });
			}
		},

		get: owned,

		async usableBy(caller) {
			return (await cameos.list({ limit: 1000 })).filter((c) => mayUse(c, caller.keyId));
		},

		async consentOf(cameoId) {
			const cameo = /^cam_[A-Za-z0-9]+$/.test(cameoId) ? await cameos.get(cameoId) : undefined;
			if (!cameo) return undefined;
			const entries = await auditLog.list({ prefix: `${cameoId}.`, limit: 1000 });
			const accepted = entries.find((e) => e.event === 'recording.accepted');
			return {
				cameoId,
				name: cameo.name,
				status: cameo.status,
				privacy: cameo.privacy,
				consentedAt: accepted?.at,
				revokedAt: cameo.revokedAt,
			};
		},

		async list(caller) {
			return (await cameos.list({ limit: 1000 })).filter((c) => c.ownerKeyId === caller.keyId);
		},

		async setPrivacy(cameoId, caller, input) {
			checkPrivacy(input);
			const cameo = await owned(cameoId, caller);
			if (cameo.status === 'revoked')
				throw new ApiError(410, 'cameo_revoked', `Cameo ${cameoId} was revoked.`);
			const updated = await cameos.update(cameoId, (current) => ({
				...current,
				privacy: input.privacy ?? current.privacy,
				allowedKeyIds: input.allowedKeyIds
					? [...new Set(input.allowedKeyIds)]
					: current.allowedKeyIds,
				updatedAt: new Date().toISOString(),
			}));
			await record(cameoId, 'privacy.changed', caller.keyId, {
				detail: `${updated!.privacy}${updated!.privacy === 'restricted' ? ` (${updated!.allowedKeyIds.join(', ')})` : ''}`,
			});
			return updated!;
		},

		async revoke(cameoId, caller) {
			const cameo = await owned(cameoId, caller);
			if (cameo.status === 'revoked') return cameo;
			const updated = (await cameos.update(cameoId, (current) => ({
				...current,
				status: 'revoked',
				revokedAt: new Date().toISOString(),
				updatedAt: new Date().toISOString(),
				assets: undefined,
			})))!;
			// The likeness itself is deleted (cut-out, voice sample, cloned voice at the provider); only
			// the record and its audit log remain.
			await rm(join(config.dataDir, 'cameos', cameoId), { recursive: true, force: true });
			await record(cameoId, 'revoked', caller.keyId);
			const afterClone = await deleteClone(updated, caller.keyId);
			for (const listener of listeners) {
				try {
					await listener(afterClone);
				} catch (error) {
					config.log?.('cameo revoke listener failed', {
						cameoId,
						error: (error as Error).message,
					});
				}
			}
			return afterClone;
		},

		async setConsent(cameoId, caller, input, signal) {
			const cameo = await owned(cameoId, caller);
			if (cameo.status === 'revoked')
				throw new ApiError(410, 'cameo_revoked', `Cameo ${cameoId} was revoked.`);
			if (input.voiceCloning === undefined) return cameo;
			const granted = input.voiceCloning;
			const updated = (await cameos.update(cameoId, (current) => ({
				...current,
				consents: {
					...current.consents,
					voiceCloning: { granted, at: now(), keyId: caller.keyId },
				},
				updatedAt: now(),
			})))!;
			await record(cameoId, granted ? 'consent.granted' : 'consent.withdrawn', caller.keyId, {
				detail: 'voice-cloning',
			});
			if (granted) return (await cloneVoice(cameoId, caller.keyId, signal)) ?? updated;
			return deleteClone(updated, caller.keyId);
		},

		async sweepVoiceDeletions() {
			let deleted = 0;
			for (const cameo of await cameos.list({ limit: 100_000 })) {
				if (cameo.voiceClone?.status !== 'delete_pending') continue;
				const after = await deleteClone(cameo, cameo.ownerKeyId);
				if (after.voiceClone?.status === 'deleted') deleted++;
			}
			return deleted;
		},

		async audit(cameoId, caller, limit = 100) {
			await owned(cameoId, caller);
			return auditLog.list({ prefix: `${cameoId}.`, limit });
		},

		async usesOf(cameoId) {
			const entries = await auditLog.list({ prefix: `${cameoId}.`, limit: 100_000 });
			return entries
				.filter((e) => e.event === 'used' && e.renderId)
				.map((e) => ({ renderId: e.renderId!, keyId: e.keyId }));
		},

		onRevoke(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},

		async checkUsable(cameoId, caller, pointer) {
			const cameo = /^cam_[A-Za-z0-9]+$/.test(cameoId) ? await cameos.get(cameoId) : undefined;
			if (cameo && mayUse(cameo, caller.keyId)) return assetOf(cameo);
			// A private cameo of someone else is indistinguishable from one that does not exist.
			const hidden = !cameo || (cameo.privacy === 'private' && cameo.ownerKeyId !== caller.keyId);
			const refusal = hidden
				? new ApiError(422, 'cameo_not_found', `No cameo ${cameoId} is available to this key.`, [
						{ path: pointer, message: 'no cameo with this id is available to you' },
					])
				: cameo.status === 'revoked'
					? new ApiError(422, 'cameo_revoked', `Cameo ${cameoId} was revoked by its owner.`, [
							{ path: pointer, message: 'revoked by its owner' },
						])
					: cameo.status !== 'active'
						? new ApiError(
								422,
								'cameo_not_ready',
								`Cameo ${cameoId} has no accepted recording yet.`,
								[{ path: pointer, message: 'no accepted recording yet' }],
							)
						: new ApiError(
								403,
								'cameo_forbidden',
								`The owner of cameo ${cameoId} has not allowed this API key to use it.`,
								[{ path: pointer, message: 'its owner has not allowed this key' }],
							);
			if (cameo)
				await record(cameoId, 'denied', caller.keyId, { detail: `at submit: ${refusal.code}` });
			throw refusal;
		},

		async resolveForRender(cameoId, caller, renderId): Promise<CameoAsset> {
			const cameo = /^cam_[A-Za-z0-9]+$/.test(cameoId) ? await cameos.get(cameoId) : undefined;
			if (!cameo) throw ApiError.notFound(`Cameo ${cameoId}`);
			const deny = async (error: ApiError) => {
				await record(cameoId, 'denied', caller.keyId, { renderId, detail: error.code });
				throw error;
			};
			if (cameo.status === 'revoked')
				return deny(
					new ApiError(410, 'cameo_revoked', `Cameo ${cameoId} was revoked by its owner.`),
				);
			if (!mayUse(cameo, caller.keyId)) {
				// A private cameo is not revealed to strangers; a restricted or unready one says why.
				if (cameo.privacy === 'private' && cameo.ownerKeyId !== caller.keyId)
					return deny(ApiError.notFound(`Cameo ${cameoId}`));
				if (cameo.status !== 'active')
					return deny(
						ApiError.conflict('cameo_not_ready', `Cameo ${cameoId} has no accepted recording yet.`),
					);
				return deny(
					new ApiError(
						403,
						'cameo_forbidden',
						`The owner of cameo ${cameoId} has not allowed this API key to use it.`,
					),
				);
			}
			await record(cameoId, 'used', caller.keyId, { renderId });
			return assetOf(cameo);
		},

		async consentedPeople(cameoIds, caller) {
			const names: string[] = [];
			for (const id of new Set(cameoIds)) {
				const cameo = /^cam_[A-Za-z0-9]+$/.test(id) ? await cameos.get(id) : undefined;
				if (cameo && mayUse(cameo, caller.keyId)) names.push(cameo.name);
			}
			return names;
		},
	};
	return service;
}
