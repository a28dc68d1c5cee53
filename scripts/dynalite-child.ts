/** A dynalite server in its own process (benchmarks): tells its endpoint to the parent over IPC. */
import { startDynalite } from '../lambdas/adapters/local-dynamo';

void startDynalite().then(({ endpoint }) => process.send!({ endpoint }));
