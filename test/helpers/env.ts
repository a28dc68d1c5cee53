import { quietSdkNodeWarning } from '../../lambdas/adapters/sdk-node-warning';

quietSdkNodeWarning();
