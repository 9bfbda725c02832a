"""Scoring rules written once, evaluated two ways: in Python (Decimal) and as Excel formulas.

An item type (:mod:`sopkit.documents.itemtypes`) states what an answer earns with these
expressions; the scorer evaluates them and the form writes them into its score cells, so
the live formulas are not a second hand-written copy of the rules::

    earned = P - Min(X * PER, P)
    earned.evaluate({"x": Decimal(2), "points": Decimal(10), "per": Decimal(2)})  # 6
    earned.excel({"x": "K9", "points": "D9", "per": "2"})  # 'D9-MIN(K9*2,D9)'

Numbers are Decimals and conditions booleans; ``excel`` takes a cell address or a literal
for every variable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any

_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


class Expr:
    """A node of a rule; build them with operators: ``X * PER``, ``X >= 1``, ``a & b``."""

    __slots__ = ()

    def evaluate(self, env: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def excel(self, env: Mapping[str, str]) -> str:
        raise NotImplementedError

    def precedence(self) -> int:
        return 9  # a function call or a name: never needs brackets

    def __add__(self, other: Any) -> Expr:
        return Op("+", self, lift(other))

    def __sub__(self, other: Any) -> Expr:
        return Op("-", self, lift(other))

    def __mul__(self, other: Any) -> Expr:
        return Op("*", self, lift(other))

    def __truediv__(self, other: Any) -> Expr:
        return Op("/", self, lift(other))

    def __ge__(self, other: Any) -> Expr:
        return Compare(">=", self, lift(other))

    def __le__(self, other: Any) -> Expr:
        return Compare("<=", self, lift(other))

    def __gt__(self, other: Any) -> Expr:
        return Compare(">", self, lift(other))

    def __lt__(self, other: Any) -> Expr:
        return Compare("<", self, lift(other))

    def equals(self, other: Any) -> Expr:
        return Compare("=", self, lift(other))

    def __and__(self, other: Expr) -> Expr:
        return All(self, other)

    def __or__(self, other: Expr) -> Expr:
        return AnyOf(self, other)

    def __invert__(self) -> Expr:
        return Not(self)


def lift(value: Any) -> Expr:
    return value if isinstance(value, Expr) else Const(value)


@dataclass(frozen=True, slots=True, eq=False)
class Var(Expr):
    name: str

    def evaluate(self, env):
        return env[self.name]

    def excel(self, env):
        return env[self.name]


@dataclass(frozen=True, slots=True, eq=False)
class Const(Expr):
    value: Any

    def evaluate(self, env):
        return Decimal(self.value) if isinstance(self.value, int) else self.value

    def excel(self, env):
        if isinstance(self.value, bool):
            return "TRUE" if self.value else "FALSE"
        return str(self.value)


_OPS = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
    "=": lambda a, b: a == b,
}


@dataclass(frozen=True, slots=True, eq=False)
class Op(Expr):
    op: str
    left: Expr
    right: Expr

    def evaluate(self, env):
        return _OPS[self.op](self.left.evaluate(env), self.right.evaluate(env))

    def precedence(self) -> int:
        return _PRECEDENCE[self.op]

    def excel(self, env):
        mine = self.precedence()
        left = self.left.excel(env)
        if self.left.precedence() < mine:
            left = f"({left})"
        right = self.right.excel(env)
        # a-(b-c) and a/(b*c) keep their brackets; a+(b-c) needs none.
        if self.right.precedence() < mine or (self.op in "-/" and self.right.precedence() == mine):
            right = f"({right})"
        return f"{left}{self.op}{right}"


@dataclass(frozen=True, slots=True, eq=False)
class Compare(Op):
    def precedence(self) -> int:
        return 0


@dataclass(frozen=True, slots=True, eq=False)
class Call(Expr):
    """A function of the spreadsheet with its Python counterpart."""

    name: str
    args: tuple[Expr, ...]

    def evaluate(self, env):
        values = [a.evaluate(env) for a in self.args]
        return _FUNCTIONS[self.name](*values)

    def excel(self, env):
        return f"{self.name}({','.join(a.excel(env) for a in self.args)})"


def _if(condition, then, otherwise):
    return then if condition else otherwise


_FUNCTIONS = {
    "MIN": min,
    "MAX": max,
    "INT": lambda x: x.to_integral_value(rounding=ROUND_FLOOR),
    "IF": _if,
    "AND": lambda *xs: all(xs),
    "OR": lambda *xs: any(xs),
    "NOT": lambda x: not x,
}


def Min(a: Any, b: Any) -> Expr:
    return Call("MIN", (lift(a), lift(b)))


def Max(a: Any, b: Any) -> Expr:
    return Call("MAX", (lift(a), lift(b)))


def Int(a: Any) -> Expr:
    return Call("INT", (lift(a),))


def If(condition: Expr, then: Any, otherwise: Any) -> Expr:
    return Call("IF", (condition, lift(then), lift(otherwise)))


def All(*conditions: Expr) -> Expr:
    """Every condition holds (``TRUE`` when there is none)."""
    if not conditions:
        return Const(True)
    return conditions[0] if len(conditions) == 1 else Call("AND", conditions)


def AnyOf(*conditions: Expr) -> Expr:
    return conditions[0] if len(conditions) == 1 else Call("OR", conditions)


def Not(condition: Expr) -> Expr:
    return Call("NOT", (condition,))


# The variables a rule may use: the answer as a number (a check item: 1 pass, 0 fail), the
# item's points, and the numbers of its own fields.
X, P, PER, LOW, HIGH = Var("x"), Var("points"), Var("per"), Var("low"), Var("high")
