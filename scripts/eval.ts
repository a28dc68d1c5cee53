/**
 * `npm run eval [-- dev|test] [--all] [--only <id-prefix>]`: detection scores per split on the
 * labelled corpus; `--only att-e` scores one batch of articles (e.g. a new, not yet tuned-on one).
 */
import { evaluateIncidents, formatIncidentScores } from './eval-incidents-lib';
import { evaluate, formatScores } from './eval-lib';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const splits = (args.filter((a) => a === 'dev' || a === 'test') as ('dev' | 'test')[]).length
  ? (args.filter((a) => a === 'dev' || a === 'test') as ('dev' | 'test')[])
  : (['dev', 'test'] as const);
for (const split of splits) {
  const scores = evaluate(split, undefined, only ? (id) => id.startsWith(only) : undefined);
  console.log(formatScores(scores, args.includes('--all') ? 10_000 : 40));
  console.log('');
}
if (!only) {
  // Incidents: the detector's claims clustered (end to end), then the gold claims clustered
  // (clustering alone, apart from detection errors). Labels: test/corpus/incidents.json.
  for (const mode of ['detector', 'gold'] as const) {
    console.log(
      formatIncidentScores(evaluateIncidents(mode), args.includes('--all') ? 10_000 : 10),
    );
    console.log('');
  }
}
