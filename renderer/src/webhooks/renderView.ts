import type { RenderRecord } from '../jobs/renderRecord';

/**
 * The render as an outside receiver sees it in an event: status, links and verdicts, without the
 * storage keys or the idempotency key (those are the service's business).
 */
export function publicRenderView(render: RenderRecord, publicUrl: string) {
  const base = `${publicUrl.replace(/\/+$/, '')}/v1/renders/${render.id}`;
  const links: Record<string, string> = {};
  if (render.outputs.video) links.content = `${base}/content`;
  for (const variant of ['poster', 'thumbnail', 'captions'] as const) {
    if (render.outputs[variant]) links[variant] = `${base}/content?variant=${variant}`;
  }
  return {
    id: render.id,
    object: 'render' as const,
    kind: render.kind,
    status: render.status,
    progress: render.progress,
    durationSeconds: render.durationSeconds,
    links,
    metadata: render.spec.metadata ?? {},
    warnings: render.warnings,
    moderation: render.moderation ? { status: render.moderation.status, flagged: render.moderation.flagged } : null,
    provenance: { signed: render.provenance?.signed ?? false },
    publications: render.publications.filter((p) => !p.unpublishedAt).map((p) => ({ id: p.id, target: p.target, url: p.url, visibility: p.visibility, publishedAt: p.publishedAt })),
    error: render.error ?? null,
    createdAt: render.createdAt,
    completedAt: render.completedAt ?? null,
  };
}
