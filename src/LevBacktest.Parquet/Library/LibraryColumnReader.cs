namespace LevBacktest.Parquet.Library;

/// <summary>
/// Reads one flat column of a range of row groups through ParquetSharp's physical column readers into our
/// <see cref="ParquetColumnData"/> (raw physical values plus a validity bitmap). Physical, not logical, reading
/// keeps every value as stored (FIXED_LEN_BYTE_ARRAY without a logical type, corrupt timestamps, unsigned
/// integers) and leaves logical interpretation to our callers. Each row group must yield exactly its row count
/// of values: a damaged page header can make the library return fewer without an error.
/// </summary>
internal static class LibraryColumnReader
{
    private const int BatchSize = 64 * 1024;

    /// <summary>Reads row groups <paramref name="firstGroup"/> … <paramref name="endGroup"/> − 1 of <paramref name="column"/>.</summary>
    /// <exception cref="ParquetFormatException">A row group yields a different number of values than its row count, or the library fails.</exception>
    public static ParquetColumnData Read(ParquetSharp.ParquetFileReader reader, string fileName, ParquetFileMetadata metadata, ParquetColumnDescriptor column, int firstGroup, int endGroup)
    {
        long rows = 0;
        long storedBytes = 0;
        for (int g = firstGroup; g < endGroup; g++)
        {
            rows += metadata.RowGroups[g].RowCount;
            storedBytes += Math.Max(0, metadata.RowGroups[g].Columns[column.Index].TotalCompressedSize);
        }

        if (rows > Array.MaxLength)
        {
            throw new ParquetFormatException($"{fileName}: column '{column.Name}' has {rows} rows, more than one array can hold");
        }

        // Start with what the stored bytes make plausible (a corrupt footer may claim billions of rows) and
        // let decoded values grow the arrays.
        int capacity = (int)Math.Min(rows, (storedBytes * 64) + 1024);
        int typeLength = column.TypeLength;
        return column.PhysicalType switch
        {
            Format.ParquetPhysicalType.Boolean => Read<bool, bool>(reader, fileName, metadata, column, firstGroup, endGroup, capacity, null),
            Format.ParquetPhysicalType.Int32 => Read<int, int>(reader, fileName, metadata, column, firstGroup, endGroup, capacity, null),
            Format.ParquetPhysicalType.Int64 => Read<long, long>(reader, fileName, metadata, column, firstGroup, endGroup, capacity, null),
            Format.ParquetPhysicalType.Float => Read<float, float>(reader, fileName, metadata, column, firstGroup, endGroup, capacity, null),
            Format.ParquetPhysicalType.Double => Read<double, double>(reader, fileName, metadata, column, firstGroup, endGroup, capacity, null),
            Format.ParquetPhysicalType.Int96 => Read<ParquetSharp.Int96, ParquetInt96>(reader, fileName, metadata, column, firstGroup, endGroup, capacity, ToInt96),
            Format.ParquetPhysicalType.ByteArray => Read<ParquetSharp.ByteArray, byte[]>(reader, fileName, metadata, column, firstGroup, endGroup, capacity, new RepeatSharingCopier().ByteArray),
            _ => Read<ParquetSharp.FixedLenByteArray, byte[]>(reader, fileName, metadata, column, firstGroup, endGroup, capacity, new RepeatSharingCopier(typeLength).FixedLength),
        };
    }

    private static ParquetColumnData Read<TPhysical, TStored>(
        ParquetSharp.ParquetFileReader reader,
        string fileName,
        ParquetFileMetadata metadata,
        ParquetColumnDescriptor column,
        int firstGroup,
        int endGroup,
        int capacity,
        Func<TPhysical, TStored>? convert)
        where TPhysical : unmanaged
    {
        // A REQUIRED column's reads write every element up to the count kept (a short row group is an error), so its array
        // needs no zeroing; an OPTIONAL column's null rows keep the zero placeholder.
        var values = column.IsOptional ? new TStored[capacity] : ColumnArrays.Allocate<TStored>(capacity);
        byte[]? validity = column.IsOptional ? new byte[(capacity + 7) / 8] : null;
        bool hasNulls = false;
        int count = 0;
        short[]? definition = column.IsOptional ? new short[BatchSize] : null;
        short[]? repetition = column.IsOptional ? new short[BatchSize] : null;
        TPhysical[]? scratch = column.IsOptional || convert is not null ? new TPhysical[BatchSize] : null;
        for (int g = firstGroup; g < endGroup; g++)
        {
            long groupRows = metadata.RowGroups[g].RowCount;
            int groupStart = count;
            string where = $"{fileName}: row group {g}, column '{column.Name}'";
            try
            {
                using var rowGroup = reader.RowGroup(g);
                using var untyped = rowGroup.Column(column.Index);
                if (untyped is not ParquetSharp.ColumnReader<TPhysical> columnReader)
                {
                    throw new ParquetFormatException($"{where}: the library reads it as {untyped.ElementType.Name}, not {typeof(TPhysical).Name}");
                }

                while (columnReader.HasNext && count - groupStart < groupRows)
                {
                    int wanted = (int)Math.Min(BatchSize, groupRows - (count - groupStart));
                    EnsureCapacity(ref values, ref validity, count + wanted, metadata, firstGroup, endGroup);

                    // Without a conversion the output array is a TPhysical[] itself.
                    var direct = convert is null ? (TPhysical[])(object)values : null;
                    if (scratch is null)
                    {
                        // Required column stored as is: decode straight into the output.
                        if (columnReader.ReadBatch(wanted, direct.AsSpan(count, wanted), out long read) == 0)
                        {
                            break;
                        }

                        count += (int)read;
                        continue;
                    }

                    long levels = definition is null
                        ? columnReader.ReadBatch(wanted, scratch.AsSpan(0, wanted), out long dense)
                        : columnReader.ReadBatch(wanted, definition.AsSpan(0, wanted), repetition.AsSpan(0, wanted), scratch.AsSpan(0, wanted), out dense);
                    if (levels == 0)
                    {
                        break;
                    }

                    if (definition is null)
                    {
                        for (int i = 0; i < dense; i++)
                        {
                            values[count++] = convert!(scratch[i]);
                        }

                        continue;
                    }

                    short present = 1;
                    int next = 0;
                    for (int i = 0; i < levels; i++, count++)
                    {
                        if (definition[i] == present)
                        {
                            if (next >= dense)
                            {
                                throw new ParquetFormatException($"{where}: the definition levels announce more values than the page holds");
                            }

                            TPhysical value = scratch[next++];
                            if (direct is not null)
                            {
                                direct[count] = value;
                            }
                            else
                            {
                                values[count] = convert!(value);
                            }

                            validity![count >> 3] |= (byte)(1 << (count & 7));
                        }
                        else
                        {
                            hasNulls = true;
                        }
                    }
                }
            }
            catch (Exception exception) when (exception is not ParquetFormatException && LibraryErrors.IsLibraryFailure(exception))
            {
                throw LibraryErrors.Translate(where, exception);
            }

            if (count - groupStart != groupRows)
            {
                throw new ParquetFormatException($"{where}: the column yields {count - groupStart} values but the row group has {groupRows} rows (a damaged page header?)");
            }
        }

        if (values.Length != count)
        {
            Array.Resize(ref values, count);
        }

        return new ParquetColumnData(column, count, values, validity, hasNulls);
    }

    private static void EnsureCapacity<T>(ref T[] values, ref byte[]? validity, int needed, ParquetFileMetadata metadata, int firstGroup, int endGroup)
    {
        if (needed <= values.Length)
        {
            return;
        }

        long rows = 0;
        for (int g = firstGroup; g < endGroup; g++)
        {
            rows += metadata.RowGroups[g].RowCount;
        }

        int grown = (int)Math.Min(rows, Math.Max(needed, (long)values.Length * 2));
        Array.Resize(ref values, grown);
        if (validity is not null)
        {
            Array.Resize(ref validity, (grown + 7) / 8);
        }
    }

    private static ParquetInt96 ToInt96(ParquetSharp.Int96 value)
        => new(((long)(uint)value.B << 32) | (uint)value.A, value.C);

    /// <summary>
    /// Copies binary values out of the library's buffers, handing a row the previous row's array when the bytes
    /// are the same: a symbol column repeats one value on every row, and 525,600 one-minute bars then cost one
    /// array instead of 525,600 (plus as many strings downstream), which measured about a third of loading a year.
    /// </summary>
    private sealed class RepeatSharingCopier(int fixedLength = 0)
    {
        private byte[]? _previous;

        public byte[] ByteArray(ParquetSharp.ByteArray value) => Copy(value.Pointer, value.Length);

        public byte[] FixedLength(ParquetSharp.FixedLenByteArray value) => Copy(value.Pointer, fixedLength);

        private unsafe byte[] Copy(IntPtr pointer, int length)
        {
            var source = length > 0 ? new ReadOnlySpan<byte>((void*)pointer, length) : ReadOnlySpan<byte>.Empty;
            if (_previous is { } previous && source.SequenceEqual(previous))
            {
                return previous;
            }

            var bytes = source.ToArray();
            _previous = bytes;
            return bytes;
        }
    }
}
