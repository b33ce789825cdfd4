/** Types of the ajv standalone validators in validators.generated.js (see generateValidators.ts). */

/** One ajv error object as the generated code reports it. */
export interface GeneratedValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: { missingProperty?: unknown; additionalProperty?: unknown; [key: string]: unknown };
  message?: string;
}

/** A compiled validator: true when `data` matches; otherwise `errors` lists every problem. */
export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: GeneratedValidationError[] | null;
}

export declare const validateHostToWebview: GeneratedValidator;
export declare const validateWebviewToHost: GeneratedValidator;
export declare const validatePersistedPanelState: GeneratedValidator;
