"""The forum ouvert (Open Space Technology) as a format of its own: spaces and slots, a
marketplace of sessions, the law of two feet, a report per session, the proceedings.

A session is a table of the café with a place in the space × slot grid: it has the
table's questions and notes (the same offline guarantees), and checking into it is
sitting at its table. What is its own (the cell, the conveners, the visits, the report)
is kept beside the table.
"""
