// The runtime's public module: all a stream app (streams/src/apps) may use of
// the runtime. The apps import the engine through its own index the same way;
// scripts/house/boundaries.test.ts keeps them to these two doors.
export type { AppContext, AppDefinition, RunningApp } from './app.ts';
export { type ClickHouse, type ClickHouseParams, openClickHouse } from './clickhouse/clickhouse.ts';
export { type Decoded, startClickHouseSink } from './clickhouse/clickhouseSink.ts';
export { HttpRouteError } from './httpRoutes.ts';
export { readToEnd } from './kafka/readToEnd.ts';
export { type TopologyAppSpec, topologyApp } from './kafka/topologyApp.ts';
export type { PostgresViewHandler, ViewHandlers, ViewRow } from './kafka/viewSink.ts';
