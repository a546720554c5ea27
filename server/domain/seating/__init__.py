"""The seating planner: who sits at which table in each round of the café.

Hard rules, always kept where the capacities allow them:
  - hosts stay at their table;
  - no table over its capacity, and table sizes differ by at most one;
  - a traveller never returns to a table while there is one they have not visited.
Aims, in this order: as few repeated meetings as possible (two people at one table
again), then as few colleagues of one organisation at one table as possible.

Rounds already played are given as history and never change; people pinned by the
facilitator stay where they were put. Pure code: no I/O, deterministic for a seed
(the time budget aside: a slower machine may stop the search earlier).
"""

from .model import Person, Plan, Request, Seat, Sizes, size_bounds, sizes
from .planner import check, plan, replan, seat_latecomer
from .replan import Option, Options

__all__ = ["Option", "Options", "Person", "Plan", "Request", "Seat", "Sizes", "check", "plan",
           "replan", "seat_latecomer", "size_bounds", "sizes"]
