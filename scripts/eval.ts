/** `npm run eval [-- dev|test] [--all]`: detection scores per split on the labelled corpus. */
import { evaluate, formatScores } from './eval-lib';

const args = process.argv.slice(2);
const splits = (args.filter((a) => a === 'dev' || a === 'test') as ('dev' | 'test')[]).length
  ? (args.filter((a) => a === 'dev' || a === 'test') as ('dev' | 'test')[])
  : (['dev', 'test'] as const);
for (const split of splits) {
  console.log(formatScores(evaluate(split), args.includes('--all') ? 10_000 : 40));
  console.log('');
}
