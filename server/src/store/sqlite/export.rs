//! The rows of the CSV export: every matching device, in order, handed over in batches.
//!
//! A database file is read by a thread of its own through rusqlite: sqlx's SQLite thread hands
//! rows over one at a time, copying each value, and at a million rows that hand-over was the
//! export's cost. A `sqlite::memory:` database exists only inside the pool's one connection, so it
//! is read through sqlx, batched the same way.

use std::path::PathBuf;

use endpoint_admin_model::device::ManagedDevice;
use futures_util::{Stream, StreamExt, TryStreamExt};
use rusqlite::{OpenFlags, params_from_iter, types::Value as RusqliteValue};
use sqlx::{Sqlite, SqlitePool};
use tokio::sync::mpsc;

use super::{
    SqliteStore,
    devices::{RareTerms, SearchThrough, condition},
};
use crate::odata::{QueryOptions, SqlFragment, SqlValue};
use crate::store::{
    ExportError,
    devices::{DeviceRow, EXPORT_BATCH, Export},
    dialect::Backend,
};

/// Batches read ahead of the writer; with [`EXPORT_BATCH`] this bounds the export's memory.
const BATCHES_AHEAD: usize = 4;

/// Page cache of the export's own connection, in KiB (negative, as SQLite spells it). Rows come
/// in sort order from all over the table, so a bigger cache would hardly be hit.
const EXPORT_CACHE_SIZE: i64 = -8_192;

impl SqliteStore {
    /// The rows of `export`, in batches; memory stays flat however many there are.
    pub(in crate::store) fn export_rows(
        &self,
        export: Export,
    ) -> impl Stream<Item = Result<Vec<ManagedDevice>, ExportError>> + Send + 'static {
        let Export {
            select,
            params,
            columns,
            read,
        } = export;
        match &self.file {
            Some(file) => read_on_own_thread(file.clone(), select, params, columns, read).boxed(),
            None => read_through_pool(self.pool.clone(), select, params, read).boxed(),
        }
    }
}

/// The condition of the devices the export of `options` reads.
pub(in crate::store) fn export_condition(options: &QueryOptions) -> SqlFragment {
    condition(options, SearchThrough::TrigramIndex, &RareTerms::default())
}

/// Reads through the pool's connection, for `sqlite::memory:`.
fn read_through_pool(
    pool: SqlitePool,
    sql: String,
    params: Vec<SqlValue>,
    read: fn(DeviceRow) -> ManagedDevice,
) -> impl Stream<Item = Result<Vec<ManagedDevice>, ExportError>> + Send + 'static {
    async_stream::stream! {
        let mut batches = sqlx::query_as_with::<_, DeviceRow, _>(&sql, Sqlite::arguments(&params))
            .fetch(&pool)
            .map_ok(read)
            .try_chunks(EXPORT_BATCH);
        while let Some(batch) = batches.next().await {
            yield batch.map_err(|error| ExportError::from(error.1));
        }
    }
}

/// Reads on a blocking thread with a read-only connection of its own; stops when the consumer
/// goes away (e.g. the download was cancelled).
fn read_on_own_thread(
    file: PathBuf,
    sql: String,
    params: Vec<SqlValue>,
    columns: Vec<&'static str>,
    read: fn(DeviceRow) -> ManagedDevice,
) -> impl Stream<Item = Result<Vec<ManagedDevice>, ExportError>> + Send + 'static {
    let (sender, mut receiver) = mpsc::channel(BATCHES_AHEAD);
    tokio::task::spawn_blocking(move || {
        if let Err(error) = read_batches(&file, &sql, &params, &columns, read, &sender) {
            let _ = sender.blocking_send(Err(error));
        }
    });
    futures_util::stream::poll_fn(move |context| receiver.poll_recv(context))
}

fn read_batches(
    file: &std::path::Path,
    sql: &str,
    params: &[SqlValue],
    columns: &[&'static str],
    read: fn(DeviceRow) -> ManagedDevice,
    sender: &mpsc::Sender<Result<Vec<ManagedDevice>, ExportError>>,
) -> Result<(), ExportError> {
    let connection = rusqlite::Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    connection.pragma_update(None, "cache_size", EXPORT_CACHE_SIZE)?;
    let mut statement = connection.prepare(sql)?;
    let params = params.iter().map(|param| match param {
        SqlValue::Text(text) => RusqliteValue::Text(text.clone()),
        SqlValue::Integer(number) => RusqliteValue::Integer(*number),
        SqlValue::Boolean(flag) => RusqliteValue::Integer(i64::from(*flag)),
        SqlValue::Null => RusqliteValue::Null,
    });
    let mut rows = statement.query(params_from_iter(params))?;
    let mut batch = Vec::with_capacity(EXPORT_BATCH);
    while let Some(row) = rows.next()? {
        batch.push(read(DeviceRow::from_rusqlite(row, columns)?));
        if batch.len() == EXPORT_BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(EXPORT_BATCH));
            if sender.blocking_send(Ok(full)).is_err() {
                return Ok(());
            }
        }
    }
    if !batch.is_empty() {
        let _ = sender.blocking_send(Ok(batch));
    }
    Ok(())
}
