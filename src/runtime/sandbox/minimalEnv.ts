import { dirname } from 'node:path';

const SYSTEM_PATH = ['/usr/local/bin', '/usr/bin', '/bin'];

/**
 * The clean environment every sandboxed process starts from. Nothing of the parent environment
 * leaks in (the parent may hold tokens); the running Node's own directory comes first on PATH so
 * `node`/`npm` are the ones Fabric runs on.
 */
export function minimalEnv(homeInSandbox: string): Record<string, string> {
  const path = [...new Set([dirname(process.execPath), ...SYSTEM_PATH])].join(':');
  return {
    PATH: path,
    HOME: homeInSandbox,
    TMPDIR: '/tmp',
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    CI: '1',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}
