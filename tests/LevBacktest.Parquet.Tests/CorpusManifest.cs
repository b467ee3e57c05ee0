namespace LevBacktest.Parquet.Tests;

/// <summary>The file lists of the corpus README (parquet-testing/README.md); ConformanceTests.Manifest_MatchesTheCorpusReadme checks they match it.</summary>
public static class CorpusManifest
{
    /// <summary>Positive set: read exactly (55 files).</summary>
    public static readonly string[] Positive =
    [
        "data/alltypes_dictionary.parquet", "data/alltypes_plain.parquet", "data/alltypes_plain.snappy.parquet",
        "data/alltypes_tiny_pages.parquet", "data/alltypes_tiny_pages_plain.parquet", "data/binary.parquet",
        "data/binary_truncated_min_max.parquet", "data/byte_array_decimal.parquet", "data/byte_stream_split.zstd.parquet",
        "data/byte_stream_split_extended.gzip.parquet", "data/column_chunk_key_value_metadata.parquet",
        "data/concatenated_gzip_members.parquet", "data/data_index_bloom_encoding_stats.parquet",
        "data/data_index_bloom_encoding_with_length.parquet", "data/datapage_v1-snappy-compressed-checksum.parquet",
        "data/datapage_v1-uncompressed-checksum.parquet", "data/datapage_v2_empty_datapage.snappy.parquet",
        "data/delta_binary_packed.parquet", "data/delta_byte_array.parquet", "data/delta_encoding_optional_column.parquet",
        "data/delta_encoding_required_column.parquet", "data/delta_length_byte_array.parquet",
        "data/dict-page-offset-zero.parquet", "data/fixed_length_byte_array.parquet", "data/fixed_length_decimal.parquet",
        "data/fixed_length_decimal_legacy.parquet", "data/float16_nonzeros_and_nans.parquet",
        "data/float16_zeros_and_nans.parquet", "data/floating_orders_nan_count.parquet",
        "data/geospatial/crs-arbitrary-value.parquet", "data/geospatial/crs-default.parquet",
        "data/geospatial/crs-geography.parquet", "data/geospatial/crs-projjson.parquet", "data/geospatial/crs-srid.parquet",
        "data/geospatial/geography-lines.parquet", "data/geospatial/geography-points.parquet",
        "data/geospatial/geography-polygons.parquet", "data/geospatial/geospatial-with-nan.parquet",
        "data/geospatial/geospatial.parquet", "data/int32_decimal.parquet", "data/int32_with_null_pages.parquet",
        "data/int64_decimal.parquet", "data/int96_from_spark.parquet", "data/lz4_raw_compressed.parquet",
        "data/lz4_raw_compressed_larger.parquet", "data/nan_in_stats.parquet", "data/overflow_i16_page_cnt.parquet",
        "data/page_v2_empty_compressed.parquet", "data/plain-dict-uncompressed-checksum.parquet",
        "data/rle-dict-snappy-checksum.parquet", "data/rle_boolean_encoding.parquet", "data/single_nan.parquet",
        "data/sort_columns.parquet", "data/unknown-logical-type.parquet", "bad_data/ARROW-GH-43605.parquet",
    ];

    /// <summary>Negative set: reject with one clear error (the README's table).</summary>
    public static readonly string[] Negative =
    [
        "bad_data/PARQUET-1481.parquet", "bad_data/ARROW-RS-GH-6229-DICTHEADER.parquet", "bad_data/ARROW-GH-47662.parquet",
        "bad_data/ARROW-GH-41317.parquet", "bad_data/ARROW-GH-41321.parquet", "bad_data/ARROW-GH-45185.parquet",
        "bad_data/ARROW-RS-GH-6229-LEVELS.parquet", "data/nation.dict-malformed.parquet",
        "data/datapage_v1-corrupt-checksum.parquet", "data/rle-dict-uncompressed-corrupt-checksum.parquet",
    ];

    /// <summary>Nested or repeated schemas (out of scope: "not supported", naming the column).</summary>
    public static readonly string[] Nested =
    [
        "data/datapage_v2.snappy.parquet", "data/incorrect_map_schema.parquet", "data/large_string_map.brotli.parquet",
        "data/list_columns.parquet", "data/map_no_value.parquet", "data/nested_lists.snappy.parquet",
        "data/nested_maps.snappy.parquet", "data/nested_structs.rust.parquet", "data/nonnullable.impala.parquet",
        "data/null_list.parquet", "data/nullable.impala.parquet", "data/nulls.snappy.parquet",
        "data/old_list_structure.parquet", "data/repeated_no_annotation.parquet", "data/repeated_primitive_no_list.parquet",
    ];

    /// <summary>Parquet Modular Encryption (13 files).</summary>
    public static readonly string[] Encrypted =
    [
        "data/aes256/encrypt_columns_and_footer.parquet.encrypted", "data/aes256/encrypt_columns_and_footer_ctr.parquet.encrypted",
        "data/aes256/encrypt_columns_and_footer_disable_aad_storage.parquet.encrypted",
        "data/aes256/encrypt_columns_plaintext_footer.parquet.encrypted", "data/aes256/uniform_encryption.parquet.encrypted",
        "data/encrypt_columns_and_footer.parquet.encrypted", "data/encrypt_columns_and_footer_aad.parquet.encrypted",
        "data/encrypt_columns_and_footer_bloom_filter.parquet.encrypted", "data/encrypt_columns_and_footer_ctr.parquet.encrypted",
        "data/encrypt_columns_and_footer_disable_aad_storage.parquet.encrypted",
        "data/encrypt_columns_plaintext_footer.parquet.encrypted", "data/external_key_material_java.parquet.encrypted",
        "data/uniform_encryption.parquet.encrypted",
    ];

    /// <summary>The deprecated LZ4 codec (id 5).</summary>
    public static readonly string[] DeprecatedLz4 =
    [
        "data/hadoop_lz4_compressed.parquet", "data/hadoop_lz4_compressed_larger.parquet", "data/non_hadoop_lz4_compressed.parquet",
    ];

    /// <summary>Not Parquet at all.</summary>
    public static readonly string[] NotParquet =
    [
        "data/bloom_filter.bin", "data/bloom_filter.xxhash.bin", "data/delta_binary_packed_expect.csv",
        "data/delta_byte_array_expect.csv", "data/delta_encoding_optional_column_expect.csv",
        "data/delta_encoding_required_column_expect.csv", "data/_KEY_MATERIAL_FOR_external_key_material_java.parquet.encrypted.json",
    ];

    /// <summary>xUnit member data of a list.</summary>
    public static TheoryData<string> Data(string[] files)
    {
        var data = new TheoryData<string>();
        foreach (string file in files)
        {
            data.Add(file);
        }

        return data;
    }

    public static TheoryData<string> PositiveFiles => Data(Positive);

    public static TheoryData<string> NegativeFiles => Data(Negative);

    public static TheoryData<string> NestedFiles => Data(Nested);

    public static TheoryData<string> EncryptedFiles => Data(Encrypted);

    public static TheoryData<string> DeprecatedLz4Files => Data(DeprecatedLz4);

    public static TheoryData<string> NotParquetFiles => Data(NotParquet);

    /// <summary>Path of the expected JSONL (or schema JSON) of a positive file.</summary>
    public static string ExpectedPath(string file, string suffix)
        => Path.Combine(CorpusFiles.Root!, "expected", file.Replace("/", "__", StringComparison.Ordinal) + suffix);
}
