// Lint rules. The layering rule keeps the pipeline core free of AWS, adapters, handlers and
// the CLI, so the same core serves Lambda and the laptop (see README "Architecture").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'cdk.out/',
      'coverage/',
      'bin/attribution-watch.js',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The detector is a pipeline of small stages (docs/detection.md): keep it that way.
    files: ['lambdas/core/detect/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['lambdas/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', '@aws-lambda-powertools/*'],
              message: 'The core must not depend on AWS: add a port and an adapter.',
            },
            {
              group: ['**/adapters/**', '**/bin/**', '**/lib/**', 'dynalite'],
              message: 'The core talks to ports, not to adapters or callers.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'The core takes configuration as arguments, never from process.env.',
        },
      ],
    },
  },
);
