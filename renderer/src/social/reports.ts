import type { Feed, FeedItem } from '../publish/feed';
import type { PublishService } from '../publish/service';
import { newId } from '../ids';
import { ApiError } from '../spec/errors';
import type { Store } from '../store/store';
import type {
	ReportReason,
	ReportRecord,
	ReviewCase,
	ReviewDecision,
	ReviewDecisionKind,
} from './records';
import { pageOf } from '../store/page';

export interface ReportsDeps {
	store: Pick<Store, 'collection'>;
	feed: Feed;
	publisher: Pick<PublishService, 'takeDown'>;
	/** Open reports from distinct keys at which an item is hidden until reviewed. */
	threshold: number;
}

/**
 * Viewer reports and their review. Each report is a record; the item's case in the review queue
 * lists its open reports; at `threshold` open reports the item is hidden from everyone but its
 * owner until a reviewer decides. A decision is recorded before it takes effect (who, when, what,
 * which reports), then closes the reports it covered: `keep` shows the item again, `remove`
 * withdraws the publication.
 */
export function createReports(deps: ReportsDeps) {
	const reports = deps.store.collection<ReportRecord>('reports');
	// One open report per key and item: `<itemId>.<keyId>` → the report id.
	const byReporter = deps.store.collection<{ reportId: string }>('report-index');
	const cases = deps.store.collection<ReviewCase>('review-cases');
	const decisions = deps.store.collection<ReviewDecision>('review-decisions');

	async function addToCase(itemId: string, reportId: string, at: string): Promise<ReviewCase> {
		const append = (c: ReviewCase): ReviewCase => ({
			...c,
			reportIds: [...c.reportIds, reportId],
			firstReportedAt: c.reportIds.length ? c.firstReportedAt : at,
			lastReportedAt: at,
		});
		const updated = await cases.update(itemId, append);
		if (updated) return updated;
		const fresh: ReviewCase = {
			itemId,
			reportIds: [reportId],
			firstReportedAt: at,
			lastReportedAt: at,
		};
		if (await cases.create(itemId, fresh)) return fresh;
		// Another report created the case first.
		return (await cases.update(itemId, append))!;
	}

	return {
		async report(
			item: FeedItem,
			keyId: string,
			input: { reason: ReportReason; note?: string },
		): Promise<{ report: ReportRecord; hidden: boolean }> {
			const id = newId('rpt');
			if (!(await byReporter.create(`${item.id}.${keyId}`, { reportId: id })))
				throw ApiError.conflict(
					'already_reported',
					'You have already reported this clip; a reviewer will look at it.',
				);
			const now = new Date().toISOString();
			const note = input.note?.trim();
			const report: ReportRecord = {
				id,
				object: 'report',
				itemId: item.id,
				renderId: item.renderId,
				keyId,
				reason: input.reason,
				...(note ? { note } : {}),
				status: 'open',
				createdAt: now,
			};
			await reports.put(id, report);
			const kase = await addToCase(item.id, id, now);
			const open = kase.reportIds.length;
			const updated = await deps.feed.update(item.id, (current) => ({
				...current,
				reports: {
					...current.reports,
					open,
					hiddenAt: current.reports?.hiddenAt ?? (open >= deps.threshold ? now : undefined),
				},
			}));
			return { report, hidden: Boolean(updated?.reports?.hiddenAt) };
		},

		/** Cases with open reports: hidden items first, then by number of reports, then the latest. */
		async queue(limit: number) {
			const open = (await cases.list({ limit: 10_000 })).filter((c) => c.reportIds.length > 0);
			const out = [];
			for (const kase of open) {
				const item = await deps.feed.get(kase.itemId);
				const list = (await Promise.all(kase.reportIds.map((id) => reports.get(id)))).filter(
					(r): r is ReportRecord => Boolean(r),
				);
				out.push({ kase, item, reports: list });
			}
			out.sort(
				(a, b) =>
					Number(Boolean(b.item?.reports?.hiddenAt)) - Number(Boolean(a.item?.reports?.hiddenAt)) ||
					b.reports.length - a.reports.length ||
					b.kase.lastReportedAt.localeCompare(a.kase.lastReportedAt),
			);
			return out.slice(0, limit);
		},

		async decide(
			itemId: string,
			input: { decision: ReviewDecisionKind; reviewer: string; note?: string },
		): Promise<ReviewDecision> {
			const kase = await cases.get(itemId);
			if (!kase || kase.reportIds.length === 0)
				throw new ApiError(404, 'not_found', `No open reports for feed item ${itemId}.`);
			const item = await deps.feed.get(itemId);
			const covered = (await Promise.all(kase.reportIds.map((id) => reports.get(id)))).filter(
				(r): r is ReportRecord => Boolean(r),
			);
			const reasons: ReviewDecision['reasons'] = {};
			for (const r of covered) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
			const note = input.note?.trim();
			const decision: ReviewDecision = {
				id: newId('rvd'),
				object: 'review_decision',
				itemId,
				renderId: item?.renderId ?? covered[0]?.renderId ?? '',
				ownerKeyId: item?.keyId ?? '',
				decision: input.decision,
				reviewer: input.reviewer.trim(),
				via: 'admin_key',
				...(note ? { note } : {}),
				reportIds: covered.map((r) => r.id),
				reasons,
				at: new Date().toISOString(),
			};
			// Recorded first: a decision that is interrupted is still on file and can be made again.
			await decisions.put(decision.id, decision);

			const status = input.decision === 'remove' ? 'upheld' : 'dismissed';
			for (const report of covered) {
				await reports.update(report.id, (r) => ({
					...r,
					status,
					decisionId: decision.id,
					closedAt: decision.at,
				}));
				await byReporter.delete(`${itemId}.${report.keyId}`);
			}
			const closed = new Set(decision.reportIds);
			const remaining =
				(
					await cases.update(itemId, (c) => ({
						...c,
						reportIds: c.reportIds.filter((id) => !closed.has(id)),
					}))
				)?.reportIds.length ?? 0;

			const lastDecision = { id: decision.id, decision: decision.decision, at: decision.at };
			if (input.decision === 'remove') {
				await deps.publisher.takeDown(
					itemId,
					`removed after review ${decision.id}${note ? `: ${note}` : ''}`,
				);
			} else {
				await deps.feed.update(itemId, (current) => ({
					...current,
					reports: {
						open: remaining,
						hiddenAt: remaining >= deps.threshold ? current.reports?.hiddenAt : undefined,
						lastDecision,
					},
				}));
			}
			return decision;
		},

		/** Every decision, newest first; `itemId` narrows to one item. */
		async decisions(options: { cursor?: string; limit: number; itemId?: string }) {
			const out: ReviewDecision[] = [];
			let before = options.cursor;
			for (;;) {
				const batch = await decisions.list({ before, limit: 200 });
				for (const d of batch) if (!options.itemId || d.itemId === options.itemId) out.push(d);
				if (out.length > options.limit || batch.length < 200) break;
				before = batch[batch.length - 1].id;
			}
			return pageOf(out, options.limit);
		},

		/** Open and hidden counts for the admin overview. */
		async counts() {
			const open = (await cases.list({ limit: 10_000 })).filter((c) => c.reportIds.length > 0);
			let hidden = 0;
			for (const kase of open) if ((await deps.feed.get(kase.itemId))?.reports?.hiddenAt) hidden++;
			return { openCases: open.length, hidden };
		},
	};
}

export type Reports = ReturnType<typeof createReports>;
