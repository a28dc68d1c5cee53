/**
 * `detect --explain` as text: the claims, then for each sentence which stage produced each
 * mention, role, finding, evidence mark and response, and which pattern fired — so a wrong claim
 * can be traced to the rule behind it in a minute.
 */
import type { ExplainedResult } from '../lambdas/core/detect/detector';
import { STAGES, type TraceEvent } from '../lambdas/core/detect/explain';

function claimLine(c: ExplainedResult['claims'][number], i: number): string {
  const party = (p: { name: string; actor?: string; country: string | null } | null) =>
    p ? `${p.actor ?? p.name}${p.country ? ` (${p.country})` : ''}` : '—';
  const responses = c.responses.map((r) => `${r.kind} by ${party(r.by)}`).join('; ');
  return (
    `  ${i + 1}. ${party(c.accuser)} → ${party(c.accused)}` +
    `${c.target ? ` · target ${c.target.name}` : ''} · ${c.action} · evidence ${c.evidence}` +
    ` · confidence ${c.confidence}${c.counterAccusation ? ' · counter-accusation' : ''}` +
    (responses ? `\n     responses: ${responses}` : '')
  );
}

function eventLine(e: TraceEvent): string {
  const what = `${e.stage.padEnd(9)} ${e.what}`;
  const subject = e.subject ? `: ${e.subject}` : '';
  const detail = e.detail ? ` (${e.detail})` : '';
  return `    ${what}${subject}${detail}${e.pattern ? `  ← ${e.pattern}` : ''}`;
}

export function explanationText(r: ExplainedResult): string {
  const x = r.explain;
  if (!x) return '';
  const out: string[] = [
    `${r.isAttribution ? 'attribution story' : r.isCyber ? 'cyber story, no attribution' : 'not a cyber story'} · score ${r.score} · ${r.claims.length} claim(s)`,
    ...r.claims.map(claimLine),
    '',
    `stages: ${STAGES.join(' → ')}`,
  ];
  const general = x.events.filter((e) => e.sentence === undefined);
  for (const e of general.filter((e) => e.stage === 'mentions')) out.push(eventLine(e));
  x.sentences.forEach((text, i) => {
    const events = x.events.filter((e) => e.sentence === i);
    if (!events.length) return;
    out.push('', `[${i}] ${text}`);
    for (const e of events) out.push(eventLine(e));
  });
  const later = general.filter((e) => e.stage !== 'mentions');
  if (later.length) out.push('', 'across the article:', ...later.map(eventLine));
  out.push(
    '',
    'patterns that matched:',
    ...Object.entries(x.fired).map(([id, n]) => `    ${id}${n > 1 ? ` ×${n}` : ''}`),
  );
  return out.join('\n');
}
