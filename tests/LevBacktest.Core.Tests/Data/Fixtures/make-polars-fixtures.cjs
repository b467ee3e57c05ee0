// Writes the polars fixtures of PolarsFixtureTests (nodejs-polars 0.26.1, Polars 0.x Parquet writer):
//   npm install nodejs-polars@0.26.1 nodejs-polars-linux-x64-gnu@0.26.1 && node make-polars-fixtures.cjs
const pl = require('nodejs-polars');
const n = 48, start = Date.UTC(2024, 0, 1);
const t = [], o = [], h = [], l = [], c = [], v = [];
for (let i = 0; i < n; i++) { t.push(new Date(start + i * 3600000)); const p = 100 + i; o.push(p); h.push(p + 1.5); l.push(p - 1); c.push(p + 0.5); v.push(10 + i); }
const df = pl.DataFrame({ timestamp: t, Open: o, High: h, Low: l, Close: c, Volume: v });
df.writeParquet('BTCUSDT-1h-polars.parquet');
const f = pl.DataFrame({ fundingTime: [new Date(start), new Date(start + 8*3600000)], fundingRate: [0.0001, -0.0002] });
f.writeParquet('BTCUSDT-funding-polars.parquet');

