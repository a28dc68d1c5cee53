/**
 * Least-privilege table grants: each function gets exactly the DynamoDB actions its code path
 * uses (see lambdas/adapters/dynamo-store.ts), never Scan and never table administration.
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { ArnFormat, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import * as iamRuntime from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct, IConstruct } from 'constructs';

export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:Query'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:BatchWriteItem';

/** Grants these actions on the table and its indexes. */
export function grantTable(
  table: dynamodb.ITable,
  grantee: iam.IGrantable & IConstruct,
  actions: TableAction[],
): void {
  table.grant(grantee, ...actions);
  const logicalId = Stack.of(table).getLogicalId(table.node.defaultChild as CfnElement);
  Validations.of(grantee).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/index/*]`,
    reason: 'Queries on the table’s GSI1 (articles by status); the index ARN needs the wildcard.',
  });
}

/**
 * A role EventBridge Scheduler assumes to invoke one function, limited to schedules of this
 * account. CDK's `grantInvoke` also covers the function's versions and aliases (`<arn>:*`).
 */
export function schedulerRoleFor(scope: Construct, id: string, fn: lambda.IFunction): iam.Role {
  const stack = Stack.of(scope);
  const role = new iamRuntime.Role(scope, id, {
    assumedBy: new iamRuntime.ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
  });
  const logicalId = stack.getLogicalId(fn.node.defaultChild as CfnElement);
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
    reason:
      'Invoke permission on one function and its versions/aliases (CDK grantInvoke); nothing else.',
  });
  return role;
}

/**
 * Lets a function send email through SES v2 only as `senderEmail` (an IAM condition on
 * `ses:FromAddress`) and only through the configuration set. SES authorizes the sending identity
 * (the address or its domain) and the configuration set, so those are the resources.
 */
export function grantSendEmail(
  fn: lambda.IFunction,
  senderEmail: string,
  configurationSetName: string,
): void {
  const stack = Stack.of(fn);
  const arn = (resource: string, name: string) =>
    stack.formatArn({
      service: 'ses',
      resource,
      resourceName: name,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  fn.addToRolePolicy(
    new iamRuntime.PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [
        arn('identity', senderEmail),
        arn('identity', senderEmail.split('@')[1]!),
        arn('configuration-set', configurationSetName),
      ],
      conditions: { StringEquals: { 'ses:FromAddress': senderEmail } },
    }),
  );
}
