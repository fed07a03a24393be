"""Tables that only the server database has (users, tokens, mutation records, changes)."""

from __future__ import annotations

from sqlalchemy import MetaData

from db.schema import metadata as domain_metadata

#: The server's metadata: the domain tables plus its own (added by the server issue).
server_metadata = MetaData(naming_convention=domain_metadata.naming_convention)
for _table in domain_metadata.sorted_tables:
    _table.to_metadata(server_metadata)
