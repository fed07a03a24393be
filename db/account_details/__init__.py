"""What each tab of the account detail dialog shows, read from the cache with this device's
pending outbox writes laid over it.

Pure SQLAlchemy and ``billing`` rules, no Qt: each ``load_*`` function answers one tab, so the
dialog loads a tab only when it is first shown (on the database worker). Pending mutations
(edits, comments, tags, payments) are laid over the replica exactly as the server will apply
them; acknowledged ones are already in the cache once it has pulled them, and ones the server
refused are shown as issues, never as data.

One module per tab, named for it: ``general`` (the header and the General tab), ``fields``
(the editable contact and technical fields), ``orders``, ``invoices`` (and one invoice as
printed), ``balance`` (the Billing tab), ``payments``, ``tags``, ``comments``, ``log``;
``pending`` sorts this device's unacknowledged writes for all of them.
"""
