export { APPS } from './apps/index.ts';
export * from './runtime/app.ts';
export { runApp } from './runtime/runApp.ts';
