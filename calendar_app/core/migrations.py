"""The calendar file's schema, as numbered migrations (``sqlite_utils.Migrations``).

Imported only when a file needs migrating or creating, so that opening an
up-to-date calendar does not pay for importing sqlite-utils before the window
has painted. ``database.SCHEMA_VERSION`` must equal the number of migrations
here (a test checks it).
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("cadence")


def _run(db: Database, *statements: str) -> None:
    # Statement by statement: executescript() would commit the migration's transaction.
    for statement in statements:
        db.execute(statement)


@MIGRATIONS(name="0001_initial")
def _initial(db: Database) -> None:
    _run(
        db,
        """CREATE TABLE calendar (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            timezone TEXT NOT NULL,
            week_start TEXT NOT NULL CHECK (week_start IN ('monday', 'sunday')),
            default_cadence_days INTEGER NOT NULL CHECK (default_cadence_days > 0)
        )""",
        """CREATE TABLE channels (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            kind TEXT NOT NULL,
            color TEXT NOT NULL,
            char_limit INTEGER,
            sort_order INTEGER NOT NULL DEFAULT 0,
            archived INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE key_messages (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL UNIQUE COLLATE NOCASE,
            statement TEXT NOT NULL DEFAULT '',
            cadence_days INTEGER NOT NULL CHECK (cadence_days > 0),
            color TEXT NOT NULL,
            starts_on TEXT,
            ends_on TEXT,
            priority INTEGER NOT NULL DEFAULT 0,
            archived INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE campaigns (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            kind TEXT NOT NULL CHECK (kind IN ('product', 'service', 'promotion')),
            starts_on TEXT,
            ends_on TEXT,
            color TEXT NOT NULL
        )""",
        """CREATE TABLE series (
            id INTEGER PRIMARY KEY,
            rrule TEXT NOT NULL,
            anchor TEXT NOT NULL,
            anchor_time TEXT,
            exdates TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE posts (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            body TEXT NOT NULL DEFAULT '',
            channel_id INTEGER NOT NULL REFERENCES channels(id),
            campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
            status TEXT NOT NULL
                CHECK (status IN ('idea', 'draft', 'scheduled', 'published', 'cancelled')),
            date TEXT,
            time TEXT,
            link TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            series_id INTEGER REFERENCES series(id) ON DELETE SET NULL,
            occurrence TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            revision INTEGER NOT NULL DEFAULT 1,
            source_uid TEXT,
            recurrence_id TEXT
        )""",
        "CREATE INDEX posts_by_date ON posts(date, time)",
        "CREATE INDEX posts_by_channel ON posts(channel_id)",
        "CREATE INDEX posts_by_series ON posts(series_id, occurrence)",
        "CREATE INDEX posts_by_source ON posts(source_uid, recurrence_id)",
        """CREATE TABLE post_messages (
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            message_id INTEGER NOT NULL REFERENCES key_messages(id) ON DELETE CASCADE,
            PRIMARY KEY (post_id, message_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX post_messages_by_message ON post_messages(message_id, post_id)",
        """CREATE VIRTUAL TABLE posts_fts USING fts5(
            title, body, notes, content='posts', content_rowid='id'
        )""",
        """CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
            INSERT INTO posts_fts(rowid, title, body, notes)
            VALUES (new.id, new.title, new.body, new.notes);
        END""",
        """CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
            INSERT INTO posts_fts(posts_fts, rowid, title, body, notes)
            VALUES ('delete', old.id, old.title, old.body, old.notes);
        END""",
        """CREATE TRIGGER posts_fts_update AFTER UPDATE OF title, body, notes ON posts BEGIN
            INSERT INTO posts_fts(posts_fts, rowid, title, body, notes)
            VALUES ('delete', old.id, old.title, old.body, old.notes);
            INSERT INTO posts_fts(rowid, title, body, notes)
            VALUES (new.id, new.title, new.body, new.notes);
        END""",
    )


@MIGRATIONS(name="0002_delivery_columns")
def _delivery_columns(db: Database) -> None:
    """Copy each post's day, channel and status beside its key messages.

    The cadence analysis then reads (message, channel, day) from one covering
    index instead of joining every post, which keeps it cheap enough to run
    after every drop. Triggers keep the copies in step with the posts.
    """
    _run(
        db,
        "ALTER TABLE post_messages ADD COLUMN day TEXT",
        "ALTER TABLE post_messages ADD COLUMN channel_id INTEGER",
        "ALTER TABLE post_messages ADD COLUMN status TEXT",
        """UPDATE post_messages SET (day, channel_id, status) =
            (SELECT date, channel_id, status FROM posts WHERE posts.id = post_messages.post_id)""",
        "DROP INDEX post_messages_by_message",
        """CREATE INDEX post_messages_delivery
            ON post_messages(message_id, day, channel_id, status)""",
        # Rows inserted without the copies (an older writer, a bulk tool) get them here.
        """CREATE TRIGGER post_messages_fill AFTER INSERT ON post_messages
            WHEN new.status IS NULL BEGIN
            UPDATE post_messages SET (day, channel_id, status) =
                (SELECT date, channel_id, status FROM posts WHERE posts.id = new.post_id)
            WHERE post_id = new.post_id AND message_id = new.message_id;
        END""",
        """CREATE TRIGGER posts_delivery_update AFTER UPDATE OF date, channel_id, status ON posts
            BEGIN
            UPDATE post_messages SET day = new.date, channel_id = new.channel_id,
                status = new.status
            WHERE post_id = new.id;
        END""",
    )


@MIGRATIONS(name="0003_delivery_by_channel")
def _delivery_by_channel(db: Database) -> None:
    """Index deliveries by message and channel, so the analysis can read one window of
    days and, per channel, only the nearest delivery on either side of it."""
    db.execute(
        "CREATE INDEX post_messages_channel_delivery"
        " ON post_messages(message_id, channel_id, day, status)"
    )


_MESSAGE_LIST = (
    "(SELECT group_concat(message_id) FROM"
    " (SELECT message_id FROM post_messages WHERE post_id = {post} ORDER BY message_id))"
)


@MIGRATIONS(name="0004_post_message_list")
def _post_message_list(db: Database) -> None:
    """Keep each post's key message ids on the post itself ("3,17"), in id order.

    Reading a month of posts is then one indexed range of one table; triggers
    keep the list in step with post_messages, whoever writes it.
    """
    _run(
        db,
        "ALTER TABLE posts ADD COLUMN message_list TEXT",
        f"UPDATE posts SET message_list = {_MESSAGE_LIST.format(post='posts.id')}",
        f"""CREATE TRIGGER post_messages_list_insert AFTER INSERT ON post_messages BEGIN
            UPDATE posts SET message_list = {_MESSAGE_LIST.format(post="new.post_id")}
            WHERE id = new.post_id;
        END""",
        f"""CREATE TRIGGER post_messages_list_delete AFTER DELETE ON post_messages BEGIN
            UPDATE posts SET message_list = {_MESSAGE_LIST.format(post="old.post_id")}
            WHERE id = old.post_id;
        END""",
    )


@MIGRATIONS(name="0005_earlier_versions")
def _earlier_versions(db: Database) -> None:
    """Record which version of a post each version came from.

    A version is a revision and its last edit, to the second in UTC
    ("20261201T100000Z"). Each edit records the version it replaced; taking a
    version from another calendar records the versions it came from there. The
    versions a post's current one descends from are then known however edits were
    undone and redone since, and a merge or an iCalendar re-import can tell an
    earlier state of a post from an edit made elsewhere. Rows outlive their post,
    so that undoing its deletion brings it back whole; a post made later never takes
    a number rows still name (store._insert_posts_rows).
    """
    _run(
        db,
        """CREATE TABLE post_versions (
            post_id INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            edited TEXT NOT NULL,
            earlier_revision INTEGER NOT NULL,
            earlier_edited TEXT NOT NULL,
            PRIMARY KEY (post_id, revision, edited, earlier_revision, earlier_edited)
        ) WITHOUT ROWID""",
        # A post edited before: its earlier versions were not kept (revision 0,
        # "unknown" is store.UNKNOWN; the stamp is the one store.version_key writes).
        """INSERT INTO post_versions
            SELECT id, revision, strftime('%Y%m%dT%H%M%SZ', updated_at), 0, 'unknown'
            FROM posts WHERE revision > 1""",
    )


@MIGRATIONS(name="0006_deleted_posts")
def _deleted_posts(db: Database) -> None:
    """Remember the posts deleted here: their uid, their version and what they showed
    when deleted, so that an import of an older file or a colleague's copy does not
    bring them back (a post edited there since it was deleted here still comes)."""
    _run(
        db,
        """CREATE TABLE deleted_posts (
            uid TEXT PRIMARY KEY,
            post_id INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            shown TEXT NOT NULL,
            deleted_at TEXT NOT NULL
        ) WITHOUT ROWID""",
    )


@MIGRATIONS(name="0007_search_all_marks")
def _search_all_marks(db: Database) -> None:
    """Search words with every accent aside, also letters that carry two ("Tiếng Việt"
    found by "Tieng Viet"): the index is made again with ``remove_diacritics 2``."""
    _run(
        db,
        "DROP TABLE posts_fts",
        """CREATE VIRTUAL TABLE posts_fts USING fts5(
            title, body, notes, content='posts', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )""",
        "INSERT INTO posts_fts(posts_fts) VALUES ('rebuild')",
    )


@MIGRATIONS(name="0008_former_names")
def _former_names(db: Database) -> None:
    """Remember the names a channel, key message or campaign had before a rename here:
    a file from before it ("LinkedIn", now "LI") names the same record, even where a
    new record took the old name since, or two names were swapped."""
    _run(
        db,
        """CREATE TABLE former_names (
            kind TEXT NOT NULL CHECK (kind IN ('channel', 'message', 'campaign')),
            record_id INTEGER NOT NULL,
            name_key TEXT NOT NULL,
            PRIMARY KEY (kind, name_key, record_id)
        ) WITHOUT ROWID""",
    )


@MIGRATIONS(name="0009_saturday_weeks")
def _saturday_weeks(db: Database) -> None:
    """Let a calendar's weeks start on Saturday, as they do in Egypt, Iran, Iraq and
    much of the Middle East (a check on the settings' row allowed Monday or Sunday
    alone, and SQLite changes a check only by making the table again)."""
    _run(
        db,
        """CREATE TABLE calendar_new (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            timezone TEXT NOT NULL,
            week_start TEXT NOT NULL CHECK (week_start IN ('monday', 'sunday', 'saturday')),
            default_cadence_days INTEGER NOT NULL CHECK (default_cadence_days > 0)
        )""",
        """INSERT INTO calendar_new (id, name, timezone, week_start, default_cadence_days)
            SELECT id, name, timezone, week_start, default_cadence_days FROM calendar""",
        "DROP TABLE calendar",
        "ALTER TABLE calendar_new RENAME TO calendar",
    )
