/**
 * `--stack NAME` on the store commands: the table comes from the stack's `TableName` output
 * (CloudFormation DescribeStacks), DynamoDB is reached at the SDK's default endpoint, and dynalite
 * is never started. Both AWS APIs are mocked at the SDK boundary (no network).
 */
import {
  CloudFormationClient,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../bin/cli';
import { openStore, resolveStackTable, StackLookupError } from '../../bin/local-env';

const cfn = mockClient(CloudFormationClient);
const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'AttributionWatch-StorageTableF2BE222E-1A2B3C4D5E6F';

const stack = (outputs: Record<string, string>): Stack => ({
  StackName: 'AttributionWatch',
  StackStatus: 'UPDATE_COMPLETE',
  CreationTime: new Date('2026-11-20T00:00:00Z'),
  Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
});

const missing = () =>
  Object.assign(new Error('Stack with id Nope does not exist'), { name: 'ValidationError' });

let cwd: string;
let stderr: string;
let stdout: string;
beforeEach(() => {
  cfn.reset();
  ddb.reset();
  cfn
    .on(DescribeStacksCommand, { StackName: 'AttributionWatch' })
    .resolves({ Stacks: [stack({ TableName: TABLE, ApiUrl: 'https://abc.example' })] });
  cfn.on(DescribeStacksCommand, { StackName: 'Nope' }).rejects(missing());
  cfn
    .on(DescribeStacksCommand, { StackName: 'Other' })
    .resolves({ Stacks: [stack({ Something: 'else' })] });
  stderr = '';
  stdout = '';
  jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  jest
    .spyOn(console, 'log')
    .mockImplementation((...a: unknown[]) => void (stdout += `${a.join(' ')}\n`));
  // The embedded store would create its data folder here: it must stay empty.
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-stack-'));
  jest.spyOn(process, 'cwd').mockReturnValue(cwd);
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(cwd, { recursive: true, force: true });
});
afterAll(() => {
  cfn.restore();
  ddb.restore();
});

describe('resolveStackTable', () => {
  it('reads the TableName output of the stack, in the region asked for', async () => {
    await expect(resolveStackTable('AttributionWatch', { region: 'eu-west-1' })).resolves.toEqual({
      tableName: TABLE,
      region: 'eu-west-1',
    });
    expect(cfn.commandCalls(DescribeStacksCommand)[0]!.args[0].input).toEqual({
      StackName: 'AttributionWatch',
    });
  });

  it('names a missing stack, and a stack without the output', async () => {
    await expect(resolveStackTable('Nope', { region: 'eu-west-1' })).rejects.toThrow(
      new StackLookupError('stack Nope not found in eu-west-1'),
    );
    await expect(resolveStackTable('Other', { region: 'eu-west-1' })).rejects.toThrow(
      /^stack Other \(eu-west-1\) has no TableName output/,
    );
  });

  it('passes other failures (credentials, throttling) through unchanged', async () => {
    cfn
      .on(DescribeStacksCommand, { StackName: 'AttributionWatch' })
      .rejects(Object.assign(new Error('expired token'), { name: 'ExpiredTokenException' }));
    await expect(resolveStackTable('AttributionWatch', { region: 'eu-west-1' })).rejects.toThrow(
      'expired token',
    );
  });
});

describe('openStore --stack', () => {
  it("opens the stack's table at the default DynamoDB endpoint, without dynalite", async () => {
    const local = await openStore({ stack: 'AttributionWatch', region: 'eu-west-1' });
    try {
      expect(local.store.tableName).toBe(TABLE);
      expect(local.endpoint).toBe('https://dynamodb.eu-west-1.amazonaws.com');
      expect(local.client.config.endpoint).toBeUndefined();
      expect(await local.client.config.region()).toBe('eu-west-1');
    } finally {
      await local.close();
    }
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('refuses --endpoint with --stack', async () => {
    await expect(
      openStore({ stack: 'AttributionWatch', endpoint: 'http://127.0.0.1:8000' }),
    ).rejects.toThrow(StackLookupError);
  });
});

describe('attribution-watch … --stack', () => {
  const run = (...args: string[]) => main(['node', 'attribution-watch', ...args]);

  it('feeds list --stack queries the stack table', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const code = await run(
      'feeds',
      'list',
      '--json',
      '--stack',
      'AttributionWatch',
      '--region',
      'eu-west-1',
    );
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toEqual([]);
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input.TableName).toBe(TABLE);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('exits 2 with one line when the stack or its output is missing', async () => {
    expect(await run('feeds', 'list', '--stack', 'Nope', '--region', 'eu-west-1')).toBe(2);
    expect(stderr).toBe('attribution-watch: stack Nope not found in eu-west-1\n');
    stderr = '';
    expect(await run('query', '--stack', 'Other', '--region', 'eu-west-1')).toBe(2);
    expect(stderr).toMatch(
      /^attribution-watch: stack Other \(eu-west-1\) has no TableName output[^\n]*\n$/,
    );
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('exits 2 when --stack is combined with --endpoint or --table', async () => {
    for (const extra of [
      ['--endpoint', 'http://127.0.0.1:8000'],
      ['--table', 't'],
    ]) {
      stderr = '';
      expect(await run('feeds', 'list', '--stack', 'AttributionWatch', ...extra)).toBe(2);
      expect(stderr).toMatch(/cannot be used with/);
    }
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(0);
  });

  it('is offered by every store command', async () => {
    for (const cmd of [
      ['run'],
      ['watch'],
      ['feeds', 'list'],
      ['feeds', 'add'],
      ['feeds', 'remove'],
      ['query'],
      ['serve'],
      ['digest'],
      ['digest', 'send'],
      ['reprocess'],
      ['subscribers', 'list'],
    ]) {
      stdout = '';
      jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
      await run(...cmd, '--help');
      expect([cmd.join(' '), stdout]).toEqual([
        cmd.join(' '),
        expect.stringContaining('--stack <name>'),
      ]);
    }
  });
});
