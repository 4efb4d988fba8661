"""Import of people and organisations from CSV, Excel and vCard files.

One engine behind the pages (contacts/import_views.py) and `manage.py import_contacts`:
`readers` turn a file into a table of text, `mapping` proposes a field for each column, `plan`
decides row by row what will happen (create, update, duplicate, error) without writing anything,
`commit` applies exactly that plan in one transaction and records the batch, `undo` takes it back.
"""
