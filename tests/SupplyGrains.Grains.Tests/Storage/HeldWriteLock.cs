using Microsoft.Data.Sqlite;

namespace SupplyGrains.Grains.Tests.Storage;

/// <summary>
/// Holds SQLite's write lock on a file from another connection, so that the store's writer waits at BEGIN IMMEDIATE
/// while a test queues work behind it: what queues meanwhile goes into the next transaction, deterministically.
/// </summary>
public sealed class HeldWriteLock : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    public HeldWriteLock(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        _connection.Open();
        _transaction = _connection.BeginTransaction(deferred: false);
    }

    public void Dispose()
    {
        _transaction.Dispose();
        _connection.Dispose();
    }
}
