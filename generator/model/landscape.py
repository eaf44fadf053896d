"""The resolved landscape: every entity of the model, typed and cross-checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .entities import Layer, Module, Organisation, Standard


@dataclass(frozen=True)
class Landscape:
    """The whole model after a check without errors.

    Modules are keyed and ordered by id; layers keep the model's order.
    """

    title: str
    description: str | None
    layers: tuple[Layer, ...]
    standards: dict[str, Standard]
    organisations: dict[str, Organisation]
    modules: dict[str, Module]
    as_of: dt.date | None = None
    """The date a historical view stands on (:func:`generator.model.asof.landscape_as_of`);
    None for the landscape as the model describes it now."""

    def layer(self, layer_id: str) -> Layer:
        """The layer with this id."""
        return next(layer for layer in self.layers if layer.id == layer_id)
