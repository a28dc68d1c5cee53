/**
 * `npm run eval [-- dev|test] [--all] [--only <id-prefix>]`: detection scores per split on the
 * labelled corpus; `--only att-e` scores one batch of articles (e.g. a new, not yet tuned-on one).
 */
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
