// The one error type of the editor scripts: a literal `code` to branch on, the message for people,
// the low-level cause kept.

/**
 * @typedef {'APT_UNAVAILABLE' | 'APT_FAILED' | 'NPM_FAILED' | 'POSTINSTALL_FAILED' | 'NOT_INSTALLED'
 *   | 'START_FAILED' | 'HEALTH_TIMEOUT' | 'INSTALL_EXTENSION_FAILED' | 'CHROMIUM_MISSING'
 *   | 'BAD_ARGUMENTS' | 'SUITE_TIMEOUT' | 'UI_TIMEOUT' | 'PACKAGE_FAILED'} EditorErrorCode
 */

export class EditorError extends Error {
  /**
   * @param {EditorErrorCode} code
   * @param {string} message
   * @param {{ cause?: unknown, data?: Record<string, unknown> }} [options]
   */
  constructor(code, message, options = {}) {
    super(message, { cause: options.cause });
    this.name = 'EditorError';
    this.code = code;
    this.data = options.data ?? {};
  }

  toJSON() {
    return { name: this.name, code: this.code, message: this.message, data: this.data };
  }
}
