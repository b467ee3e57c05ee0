// Reads a Parquet file with DuckDB or Polars and prints its columns as JSON, values normalised to strings so
// the C# interop test can compare them exactly:
//   integers, decimals -> decimal text; booleans -> "true"/"false"; strings -> themselves; null -> null;
//   FLOAT/DOUBLE -> shortest round-trip text, "NaN", "Infinity", "-Infinity", "-0";
//   DATE -> days since 1970-01-01; TIMESTAMP -> nanoseconds since the Unix epoch (UTC).
// Usage: node read-parquet.mjs duckdb|polars <file.parquet>...   (prints a JSON array, one table per file)
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

const [engine, ...files] = process.argv.slice(2);

function floatText(v) {
  if (v === null || v === undefined) return null;
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

function anyText(v) {
  if (v === null || v === undefined) return null;
  return typeof v === 'number' ? floatText(v) : String(v);
}

let duckDbConnection;

async function readWithDuckDb(path) {
  if (!duckDbConnection) {
    const duckdb = require('@duckdb/node-api');
    const instance = await duckdb.DuckDBInstance.create(':memory:');
    duckDbConnection = await instance.connect();
  }
  const connection = duckDbConnection;
  const source = `read_parquet('${path.replaceAll("'", "''")}')`;
  const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
  const schema = described.getRowObjects().map(r => ({ name: String(r.column_name), type: String(r.column_type) }));
  const quote = n => `"${n.replaceAll('"', '""')}"`;
  const selectList = schema.map(({ name, type }) => {
    const c = quote(name);
    if (type === 'DOUBLE' || type === 'FLOAT') return c;
    if (type.startsWith('TIMESTAMP')) return `CAST(epoch_ns(${c}) AS VARCHAR)`;
    if (type === 'DATE') return `CAST(${c} - DATE '1970-01-01' AS VARCHAR)`;
    return `CAST(${c} AS VARCHAR)`;
  });
  const result = await connection.runAndReadAll(
    schema.length === 0 ? `SELECT * FROM ${source}` : `SELECT ${selectList.join(', ')} FROM ${source}`);
  const rows = result.getRows();
  return {
    rowCount: rows.length,
    columns: schema.map(({ name, type }, i) => ({ name, type, values: rows.map(r => anyText(r[i])) })),
  };
}

function readWithPolars(path) {
  const pl = require('nodejs-polars');
  const df = pl.readParquet(path);
  const columns = df.columns.map(name => {
    const series = df.getColumn(name);
    const variant = series.dtype.variant;
    const type = JSON.stringify(series.dtype.DataType ?? series.dtype);
    let values;
    if (variant === 'Float32' || variant === 'Float64') {
      values = Array.from(series.toArray(), floatText);
    } else if (variant === 'Datetime') {
      const unit = series.dtype.timeUnit;
      const factor = { ms: 1000000n, us: 1000n, ns: 1n }[unit];
      if (factor === undefined) throw new Error(`unknown time unit in ${type}`);
      values = Array.from(series.cast(pl.Int64).cast(pl.Utf8).toArray(), v => v === null ? null : (BigInt(v) * factor).toString());
    } else if (variant === 'Date') {
      values = Array.from(series.cast(pl.Int32).cast(pl.Utf8).toArray(), anyText);
    } else {
      values = Array.from(series.cast(pl.Utf8).toArray(), anyText);
    }
    return { name, type: `${variant} ${type}`, values };
  });
  return { rowCount: df.height, columns };
}

const tables = [];
for (const file of files) {
  try {
    const table = engine === 'duckdb' ? await readWithDuckDb(file)
      : engine === 'polars' ? readWithPolars(file)
      : (() => { throw new Error(`unknown engine '${engine}' (use duckdb or polars)`); })();
    tables.push({ engine, file, ...table });
  } catch (error) {
    process.stderr.write(`${engine} could not read ${file}: ${error?.stack ?? error}\n`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(tables));
