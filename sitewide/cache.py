"""Django's database cache with an increment that concurrent workers cannot interleave."""

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction


class DatabaseCache(DjangoDatabaseCache):
    """The shared store on the embedded default, for counters every gunicorn worker must agree on.

    Django's own `incr()` is a read then a write: two workers can read 7 and both write 8. Here the
    read and the write run in one transaction that first writes the row (a no-op UPDATE), which locks
    it on PostgreSQL and takes SQLite's write lock, so a second worker waits for the first to finish.
    `add()` is already safe: the second insert of a key fails and says so.
    """

    def incr(self, key, delta=1, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET expires = expires WHERE cache_key = %s",  # noqa: S608  (our own table)
                [self.make_and_validate_key(key, version=version)],
            )
            return super().incr(key, delta, version)
