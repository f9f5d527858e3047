"""The hot operations' statements on a DBAPI connection of their own (issue 16).

``ServiceContext.hot_operation`` runs them through ``Pipelined`` on PostgreSQL and ``Direct``
on SQLite; both run statements built once (module constants), compiled once per dialect, with
bind values through the columns' own type processing and rows through their result
processing, so what is stored and read equals what the Session path stores and reads.

**SQLite** (``Direct``): in-process, so the cost of a statement is SQLAlchemy's execution
path around it, and a Session's begin and commit cost more than a receive's seven
statements. ``Direct.transaction`` takes a pooled connection, ``BEGIN IMMEDIATE`` (the write
lock, as every writer here takes it), executes the compiled statements at once and commits.

**PostgreSQL** (``Pipelined``): two round trips for a hot write, psycopg's pipeline mode.

A hot operation (receive-item) is one read that locks and gathers every fact it checks, then
one write. Through SQLAlchemy that is four network round trips: psycopg sends ``BEGIN`` on its
own and waits for it, then the read, the write and ``COMMIT`` each wait for their answer. Over
a warehouse LAN each wait costs more than the work.

``Pipelined`` runs the operation on the Session's own connection in pipeline mode:

1. ``BEGIN`` and the read go out together and are answered together;
2. the write, ``COMMIT`` and the pipeline's Sync go out together and are answered together.

Nothing else changes: the same compiled statements (bind values through the columns' own
type processing, rows through their result processing), the same locks in the same order,
the same transaction. The Session's transaction is still open around it; its own commit then
finds the connection idle and sends nothing. A database error comes back as the exception
SQLAlchemy would have raised for it (``IntegrityError``, ``DataError``, ...), so callers
handle both paths alike.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import ColumnElement, literal_column
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql import ClauseElement

if TYPE_CHECKING:
    import psycopg


def one_of(column: ColumnElement[Any] | QueryableAttribute[Any], values: Iterable[str]) -> ColumnElement[bool]:
    """``column IN ('a', 'b')`` with the values written into the SQL: for a fixed set (states),
    in statements built once. An IN list of parameters is expanded, and so compiled, anew on
    every execution, which a statement compiled once (``CompiledStatement``) refuses."""
    return column.in_([literal_column("'" + v.replace("'", "''") + "'") for v in values])


class CompiledStatement:
    """A statement compiled once for the dialect, with its binds' and columns' processors: the
    parameters a DBAPI cursor takes and the rows SQLAlchemy would have made (also used by
    ``db.PreparedRead``, the scan's lookup)."""

    def __init__(self, stmt: Any, dialect: Dialect) -> None:
        compiled = stmt.compile(dialect=dialect)
        if compiled.insert_prefetch or compiled.update_prefetch or compiled.post_compile_params:
            # Python-side defaults or expanding binds need SQLAlchemy's execution context.
            raise ValueError("a hot-path statement takes plain binds and no Python-side defaults")
        self.stmt = stmt
        self.compiled = compiled
        self.sql = compiled.string
        self.binds = {
            name: proc
            for name, bp in compiled.binds.items()
            if (proc := bp.type.dialect_impl(dialect).bind_processor(dialect)) is not None
        }
        columns = list(getattr(stmt, "exported_columns", ()))  # a SELECT's columns, or a write's RETURNING
        self.results = [c.type._cached_result_processor(dialect, None) for c in columns]
        self.row = namedtuple("Row", [c.key for c in columns]) if columns else None

    def params(self, values: dict[str, Any]) -> Any:
        """The DBAPI parameters: a dict (pyformat, psycopg) or a tuple (qmark, sqlite3)."""
        bound = self.compiled.construct_params(values)
        for name, proc in self.binds.items():
            if bound.get(name) is not None:
                bound[name] = proc(bound[name])
        if self.compiled.positional:
            return tuple(bound[k] for k in self.compiled.positiontup or ())
        return bound

    def make_row(self, raw: tuple[Any, ...] | None) -> Any:
        if raw is None or self.row is None:
            return None
        return self.row(*(v if p is None or v is None else p(v) for p, v in zip(self.results, raw, strict=True)))


_COMPILED: dict[tuple[int, str], CompiledStatement] = {}


def compiled_for(stmt: ClauseElement, dialect: Dialect) -> CompiledStatement:
    """Statements are built once at import (module constants) and compiled here once."""
    key = (id(stmt), dialect.name)
    found = _COMPILED.get(key)
    if found is None or found.stmt is not stmt:
        if len(_COMPILED) >= 512:  # only prebuilt statements come here; a bound all the same
            _COMPILED.clear()
        found = _COMPILED[key] = CompiledStatement(stmt, dialect)
    return found


class Pending:
    """The row a write returns: on PostgreSQL readable once the pipeline has been synced."""

    def __init__(self, cursor: Any, compiled: CompiledStatement) -> None:
        self._cursor, self.compiled = cursor, compiled
        self._row: Any = None

    @property
    def returns_row(self) -> bool:
        return self.compiled.row is not None

    def one(self) -> Any:
        if self._row is None:
            self._row = self.compiled.make_row(self._cursor.fetchone())
        if self._row is None:
            raise sa_exc.NoResultFound("the write returned no row")
        return self._row


class _Executor:
    """What both executors share: a DBAPI connection, statements compiled once, driver errors
    raised as SQLAlchemy's. Each says how a statement is sent (``_execute``) and when a
    write's returned row can be read (``_written``)."""

    def __init__(self, dialect: Dialect, driver: Any) -> None:
        self._dialect = dialect
        self._db: Any = driver
        self._last: CompiledStatement | None = None  # named in an error the commit raises

    def first(self, stmt: ClauseElement, params: dict[str, Any]) -> Any:
        """Run the read (PostgreSQL: with whatever is queued) and return its first row."""
        cursor, compiled = self._send(stmt, params)
        with _translated(compiled):
            return compiled.make_row(cursor.fetchone())

    def write(self, stmt: ClauseElement, params: dict[str, Any]) -> Pending:
        """Run the write (PostgreSQL: queue it, to go out with the COMMIT)."""
        cursor, compiled = self._send(stmt, params)
        return self._written(Pending(cursor, compiled))

    def _send(self, stmt: ClauseElement, params: dict[str, Any]) -> tuple[Any, CompiledStatement]:
        compiled = self._last = compiled_for(stmt, self._dialect)
        values = compiled.params(params)
        with _translated(compiled):
            return self._execute(compiled.sql, values), compiled

    def _execute(self, sql: str, values: Any) -> Any:
        raise NotImplementedError

    def _written(self, pending: Pending) -> Pending:
        return pending


class Direct(_Executor):
    """SQLite: the statements executed at once, in a write transaction of their own on a
    pooled connection, without a Session (``Direct.transaction``): a Session's begin and commit
    alone cost more than the receive's seven statements."""

    @classmethod
    @contextmanager
    def transaction(cls, engine: Engine) -> Iterator[Direct]:
        """``BEGIN IMMEDIATE`` (the write lock, as every writer takes it here) on a connection
        from the engine's pool; commits when the block ends, rolls back on any exception, and
        gives the connection back to the pool either way."""
        raw = engine.raw_connection()
        try:
            driver = cast(sqlite3.Connection, raw.driver_connection)  # Direct is used on SQLite only
            with _translated(None, "BEGIN IMMEDIATE"):
                driver.execute("BEGIN IMMEDIATE")
            try:
                yield cls(engine.dialect, driver)
            except BaseException:
                if driver.in_transaction:  # sqlite3 may have ended it already (a full disk, say)
                    with suppress(sqlite3.Error):  # the error that got here is the one to report
                        driver.execute("ROLLBACK")
                raise
            with _translated(None, "COMMIT"):
                driver.execute("COMMIT")
        finally:
            raw.close()  # back to the pool, which rolls back anything left open

    def _execute(self, sql: str, values: Any) -> Any:
        return self._db.execute(sql, values)

    def _written(self, pending: Pending) -> Pending:
        if pending.returns_row:
            with _translated(pending.compiled):
                pending.one()  # read now: the connection's cursor is reused by the next statement
        return pending


class Snapshot(_Executor):
    """Several reads that see one state of the database, on a pooled connection, without a
    Session (a parcel's view, read after every scan: issue 16). SQLite reads in a deferred
    transaction (it never waits for the write lock); PostgreSQL in the driver's own."""

    @classmethod
    @contextmanager
    def of(cls, engine: Engine) -> Iterator[Snapshot]:
        raw = engine.raw_connection()
        try:
            driver = raw.driver_connection
            if engine.dialect.name == "sqlite":
                with _translated(None, "BEGIN"):
                    cast(sqlite3.Connection, driver).execute("BEGIN")
            yield cls(engine.dialect, driver)
        finally:
            raw.close()  # back to the pool, whose reset ends the read transaction

    def all(self, stmt: ClauseElement, params: dict[str, Any]) -> list[Any]:
        cursor, compiled = self._send(stmt, params)
        with _translated(compiled):
            return [compiled.make_row(raw) for raw in cursor.fetchall()]

    def _execute(self, sql: str, values: Any) -> Any:
        if self._dialect.name == "sqlite":
            return self._db.execute(sql, values)
        cursor = self._db.cursor()
        cursor.execute(sql, values)
        return cursor


class Pipelined(_Executor):
    """``with Pipelined(session) as p: row = p.first(...); pending = p.write(...)`` then, after
    the block, ``pending.one()``. The block commits on success; on an exception it rolls back
    (and the Session's own rollback follows). Use it as the first thing the Session does."""

    def __init__(self, session: Session) -> None:
        conn = session.connection()
        driver = conn.connection.driver_connection
        if driver is None:
            raise RuntimeError("the session's connection is closed")
        super().__init__(conn.dialect, cast("psycopg.Connection[Any]", driver))
        self._conn = conn  # invalidated when psycopg leaves it unusable (``_settle``)
        self._pipe: Any = None

    def _execute(self, sql: str, values: Any) -> Any:
        cursor = self._db.cursor()
        cursor.execute(sql, values, prepare=True)
        return cursor

    def __enter__(self) -> Pipelined:
        from psycopg.pq import TransactionStatus

        db = self._db
        if db.info.transaction_status != TransactionStatus.IDLE:
            raise RuntimeError("Pipelined must start the transaction: the session has already used its connection")
        # psycopg would send its implicit BEGIN and wait for it; in autocommit mode we send our
        # own BEGIN in the pipeline, ahead of the read, and the two are answered together.
        db.autocommit = True
        try:
            self._pipe = db.pipeline()
            self._pipe.__enter__()
            db.cursor().execute("BEGIN")
        except BaseException:
            self._pipe = None
            db.autocommit = False
            raise
        return self

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> None:
        db, pipe = self._db, self._pipe
        failure: BaseException | None = None
        try:
            # COMMIT, or ROLLBACK after a refusal, goes out with the Sync: one round trip either way.
            db.cursor().execute("COMMIT" if exc is None else "ROLLBACK")
            pipe.__exit__(exc_type, exc, tb)  # the Sync: everything queued is answered now
        except BaseException as raised:  # noqa: BLE001 - translated below, after the connection is back
            failure = raised
        finally:
            self._settle()
        if failure is not None and exc is None:
            raise _wrap(_server_error(failure), self._last) from None

    def _settle(self) -> None:
        """Give the Session back a connection out of pipeline mode, idle, autocommit off. When a
        write failed, psycopg may leave the pipeline with results it did not collect (it depends
        on when the error's answer arrived): such a connection cannot be trusted again, and is
        invalidated, so the pool opens a new one and the Session's rollback still works."""
        from psycopg.pq import PipelineStatus, TransactionStatus

        db = self._db
        status = db.info.transaction_status
        if db.closed or db.pgconn.pipeline_status != PipelineStatus.OFF or status == TransactionStatus.ACTIVE:
            self._conn.invalidate()
            return
        if status != TransactionStatus.IDLE:
            db.execute("ROLLBACK")  # a failed pipeline skipped its COMMIT/ROLLBACK: sent and answered here
        db.autocommit = False


def _server_error(exc: BaseException) -> BaseException:
    """The database's own refusal (it has an SQLSTATE) behind what the pipeline raised last: a
    unique violation is followed by "pipeline aborted" for the COMMIT, and may be replaced by
    it, or by "cannot exit pipeline mode", as the exception propagates."""
    seen: BaseException | None = exc
    while seen is not None:
        if getattr(seen, "sqlstate", None):
            return seen
        seen = seen.__context__
    return exc


class _translated:  # noqa: N801 - used as ``with _translated(...)``, like a contextmanager function
    """A driver's exception as SQLAlchemy's (what the Session path would have raised). A class,
    not a generator: it wraps every statement of a hot operation, and costs a tenth."""

    __slots__ = ("compiled", "sql")

    def __init__(self, compiled: CompiledStatement | None, sql: str = "COMMIT") -> None:
        self.compiled, self.sql = compiled, sql

    def __enter__(self) -> None:
        return None

    def __exit__(self, _type: Any, exc: BaseException | None, _tb: Any) -> None:
        if exc is not None:
            wrapped = _wrap(exc, self.compiled, self.sql)
            if wrapped is not exc:
                raise wrapped from None


def _wrap(exc: BaseException, compiled: CompiledStatement | None, sql: str = "COMMIT") -> BaseException:
    sql = compiled.sql if compiled is not None else sql
    if isinstance(exc, sqlite3.Error):
        return sa_exc.DBAPIError.instance(sql, None, exc, sqlite3.Error)
    if type(exc).__module__.startswith("psycopg"):
        import psycopg

        if isinstance(exc, psycopg.Error):
            return sa_exc.DBAPIError.instance(sql, None, exc, psycopg.Error)
    if isinstance(exc, ValueError):  # UnicodeEncodeError and friends: the driver could not send a value
        return sa_exc.StatementError(str(exc), sql, None, exc)
    return exc
