export * from './api/transactions.ts';
export * from './events/envelope.ts';
export * from './events/masterData.ts';
export * from './events/transactions.ts';
export * from './money.ts';
export * from './problem.ts';
export * from './topics.ts';
