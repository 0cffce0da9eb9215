"""The form fields of USER_INPUT blocks, for the rules that check them.

Every field may hold a wrong type (the schema rules report those): a block
whose ``inputs`` is not a list, and entries that are not mappings, are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from .workflow import Workflow


class InputField(NamedTuple):
    """One input of a USER_INPUT block."""

    block: int
    """Index of the USER_INPUT block in ``actions``."""
    position: int
    """Index of the field in the block's ``inputs``."""
    data: dict
    block_label: str
    """``block 'collect'``, or ``actions[3]`` when the block has no slug."""

    def pointer(self, *tokens: Any) -> str:
        return Workflow.pointer(self.block, "schema", "inputs", self.position, *tokens)

    @property
    def type(self) -> str | None:
        kind = self.data.get("type")
        return kind if isinstance(kind, str) else None

    @property
    def label(self) -> str:
        """``input 'region' of block 'collect'``, for messages."""
        key = self.data.get("key")
        name = f"input '{key}'" if isinstance(key, str) else f"inputs[{self.position}]"
        return f"{name} of {self.block_label}"


def user_input_blocks(workflow: Workflow) -> Iterator[tuple[int, dict]]:
    """``(index, schema)`` of every USER_INPUT block."""
    for index, action in workflow.actions:
        if workflow.block_type(index) == "USER_INPUT":
            yield index, action["schema"]


def input_fields(workflow: Workflow) -> Iterator[InputField]:
    """Every form field of every USER_INPUT block, in document order (``doc.analysis.input_fields``)."""
    for index, schema in user_input_blocks(workflow):
        inputs = schema.get("inputs")
        for position, field in enumerate(inputs if isinstance(inputs, list) else []):
            if isinstance(field, dict):
                yield InputField(index, position, field, workflow.block_name(index))
