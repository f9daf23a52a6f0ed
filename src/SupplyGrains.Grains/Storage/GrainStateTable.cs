namespace SupplyGrains.Grains.Storage;

/// <summary>The one table of the SQLite grain store and the statements that touch it.</summary>
internal static class GrainStateTable
{
    // grain_type is not part of the key (the GrainId string already carries it); it is there for whoever inspects the file.
    public const string Create = """
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name TEXT    NOT NULL,
            grain_id   TEXT    NOT NULL,
            grain_type TEXT    NOT NULL,
            etag       INTEGER NOT NULL,
            payload    BLOB    NOT NULL,
            updated_at TEXT    NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        );
        """;

    public const string Read = "SELECT etag, payload FROM grain_state WHERE state_name = $state AND grain_id = $grain;";

    public const string ReadETag = "SELECT etag FROM grain_state WHERE state_name = $state AND grain_id = $grain;";

    public const string MaxETag = "SELECT COALESCE(MAX(etag), 0) FROM grain_state;";

    public const string Upsert = """
        INSERT INTO grain_state (state_name, grain_id, grain_type, etag, payload, updated_at)
        VALUES ($state, $grain, $type, $etag, $payload, $updated)
        ON CONFLICT (state_name, grain_id) DO UPDATE
            SET etag = excluded.etag, payload = excluded.payload, updated_at = excluded.updated_at;
        """;

    public const string Delete = "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain;";
}
