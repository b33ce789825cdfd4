/** ajv schema of `policies/review.json`. */
export const reviewAllowListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'dependencies', 'licenses', 'protectedPaths'],
  properties: {
    $comment: { type: 'string' },
    version: { const: 1 },
    dependencies: {
      type: 'object',
      additionalProperties: false,
      required: ['allow'],
      properties: {
        allow: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: {
              name: { type: 'string', pattern: '^(?:@[a-z0-9-~][a-z0-9-._~]*/)?[a-z0-9-~][a-z0-9-._~]*$' },
              specs: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
            },
          },
        },
      },
    },
    licenses: {
      type: 'object',
      additionalProperties: false,
      required: ['allow'],
      properties: { allow: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9.+-]+$' }, uniqueItems: true } },
    },
    protectedPaths: { type: 'array', items: { type: 'string', pattern: '\\S' } },
  },
} as const;
