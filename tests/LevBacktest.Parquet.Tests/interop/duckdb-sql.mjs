// Runs SQL statements with DuckDB (used by tests that need files DuckDB writes, e.g. Hive-partitioned datasets).
// Usage: node duckdb-sql.mjs "<statement>" ["<statement>" ...]   (each runs in order; nothing is printed)
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/node-api');

const instance = await duckdb.DuckDBInstance.create(':memory:');
const connection = await instance.connect();
for (const statement of process.argv.slice(2)) {
  await connection.run(statement);
}
