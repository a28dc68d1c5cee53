/**
 * The AWS SDK for JavaScript v3 prints a NodeVersionSupportWarning (releases after January 2027
 * need Node 22) when a process makes its first client on Node < 22. The Lambdas run Node 24 and
 * never see it; the command line, its tests and the benchmarks support Node 20, where it is noise
 * to the user. The SDK's documented switch turns it off (aws/aws-sdk-js-v3#7983); it is read when
 * a client is made, so each local entry point calls quietSdkNodeWarning() before it makes one,
 * and child processes that load the Lambda bundles get SDK_NODE_WARNING_SWITCH in their env.
 */
export const SDK_NODE_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/** Turns the warning off unless the user set the switch themselves. */
export function quietSdkNodeWarning(env: NodeJS.ProcessEnv = process.env): void {
  env[SDK_NODE_WARNING_SWITCH] ??= 'true';
}
