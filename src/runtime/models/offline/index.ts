export * from './types';
export { generateRepairs } from './generateRepairs';
export { collectBindings, visibleBindings, type Binding } from './bindings';
export type { OperatorContext, OperatorEdit, RepairOperatorImpl } from './operator';
export { ALL_OPERATORS } from './operators/all';
