/** ajv schema of the Planner's input (role outputs are validated at the boundary, STYLE §5). */
const text = { type: 'string', pattern: '\\S' } as const;
const texts = { type: 'array', items: text } as const;

export const planFixInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['goal', 'traceId', 'locations', 'relevantFiles', 'testCommand', 'failingTests', 'allowTestEdits', 'revision'],
  properties: {
    goal: text,
    traceId: text,
    locations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file', 'line', 'score'],
        properties: { file: text, line: { type: 'integer', minimum: 1 }, score: { type: 'number' } },
      },
    },
    relevantFiles: texts,
    testCommand: text,
    failingTests: texts,
    allowTestEdits: { type: 'boolean' },
    revision: { type: 'integer', minimum: 0 },
    previousFailures: { type: 'array', items: { type: 'string' } },
    maxWriteFiles: { type: 'integer', minimum: 1, maximum: 100 },
  },
} as const;
