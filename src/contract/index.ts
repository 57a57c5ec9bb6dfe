// The contract: wire formats and the shared validator. Imports nothing else of the project.
export * from './attachment-ref';
export * from './catalogue';
export * from './device-events';
export * from './error-codes';
export * from './form-definition';
export * from './limits';
export * from './locales';
export * from './parse-batch';
export * from './phone';
export * from './pinfl';
export * from './reference-lists';
export * from './submissions';
export * from './uuid-v7';
export * from './validate-answers';
