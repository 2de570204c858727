"""The engine behind the η slider: one gradient per image/model/target, one forward per η.

`LiveLab` holds the current model, the clean 8-bit image at the model's input
size and the current direction d. `update(eta)` returns clip(x + η·d, 0, 1),
its noise view and its prediction, at the cost of one forward pass.
It is plain Python: the GUI's worker thread drives it, and so can a script.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from advlab.core import images as img
from advlab.core.attacks.gradient import fgsm_direction, perturb
from advlab.core.attacks.noise import random_sign
from advlab.core.errors import ParameterError
from advlab.core.labels import label_of
from advlab.core.models import Classifier, load_classifier, pick_device, resolve
from advlab.core.models.inference import query_forward
from advlab.core.predict import Prediction, from_logits, model_labels, predict
from advlab.core.progress import CancelledFn, ProgressFn

#: Largest η the slider offers for a photo model, in [0, 1] pixel units (25.5 grey levels).
MAX_ETA = 0.1
#: Largest η it offers for a model trained in the lab: the digits need 0.2–0.3.
MAX_TRAINED_ETA = 0.5


def max_eta(trained: bool) -> float:
    """The slider's largest η for a model (``trained``: trained in the lab)."""
    return MAX_TRAINED_ETA if trained else MAX_ETA
DIRECTIONS = ("fgsm", "noise")


@dataclass(frozen=True)
class CleanView:
    """The image the model classifies (8-bit, at its input size) and its prediction."""

    rgb: np.ndarray
    prediction: Prediction
    model: str


@dataclass(frozen=True)
class LiveUpdate:
    """The adversarial image at one η, its noise view (grey + amplification·δ) and prediction."""

    eta: float
    direction: str
    target: int | None
    adversarial_rgb: np.ndarray
    noise_rgb: np.ndarray
    amplification: float
    prediction: Prediction
    clean_index: int
    seconds: float
    #: The target's class name in the model's own classes ("" without a target).
    target_label: str = ""
    #: Every class's probability (float64, (classes,)) from the same forward pass as
    #: ``prediction`` (simple labels sum them into kinds: no second forward).
    probs: np.ndarray | None = None

    @property
    def fooled(self) -> bool:
        """Untargeted: the label changed; targeted: the target class won."""
        if self.target is not None:
            return self.prediction.index == self.target
        return self.prediction.index != self.clean_index


class LiveLab:
    """Model + clean image + direction, kept on one device, answering η queries."""

    def __init__(self) -> None:
        self.model: Classifier | None = None
        self.device = torch.device("cpu")
        self.source_rgb: np.ndarray | None = None
        self.clean: torch.Tensor | None = None  # (1, 3, S, S) on device
        self.clean_prediction: Prediction | None = None
        self.edited: torch.Tensor | None = None  # clean + the user's pixel edits, or None
        self._direction: torch.Tensor | None = None
        self._direction_key: tuple | None = None
        self.direction_kind = "fgsm"
        self.target: int | None = None
        self.seed = 0
        self._forward: Callable[[torch.Tensor], torch.Tensor] | None = None
        self._forward_key: tuple | None = None

    # -- model and device -------------------------------------------------
    def set_model(
        self,
        name: str,
        device: str = "auto",
        progress: ProgressFn | None = None,
        cancelled: CancelledFn | None = None,
    ) -> Classifier:
        """Load ``name`` on ``device``; on failure the previous model stays."""
        spec = resolve(name)
        target_device = pick_device(device)
        model = load_classifier(spec, target_device, progress=progress, cancelled=cancelled)
        if self.model is None or model_labels(model) != model_labels(self.model):
            self.target = None  # the target named a class of another label set
        self.model, self.device = model, target_device
        self._direction_key = None
        self._forward = None
        if self.source_rgb is not None:
            self._prepare_clean(self.source_rgb)
        return model

    def set_device(self, device: str) -> None:
        """Move the current model to another device."""
        target_device = pick_device(device)
        if self.model is not None:
            self.model.to(target_device)
        self.device = target_device
        self._forward = None
        if self.clean is not None:
            self.clean = self.clean.to(target_device)
        if self.edited is not None:
            self.edited = self.edited.to(target_device)
        self._direction_key = None

    # -- image ------------------------------------------------------------
    def set_image(self, rgb: np.ndarray) -> CleanView:
        """Fit an RGB ``uint8`` image to the model, quantised to 8 bits, and classify it."""
        self._require_model()
        self._prepare_clean(rgb)
        self.source_rgb = rgb
        return self.clean_view()

    def _prepare_clean(self, rgb: np.ndarray) -> None:
        assert self.model is not None
        spec = self.model.spec
        fitted = img.fit_to_model(rgb, spec.input_size, spec.interpolation, spec.crop_pct)
        clean = img.to_tensor(fitted).unsqueeze(0).to(self.device)
        prediction = predict(self.model, clean)[0]
        self.clean, self.clean_prediction = clean, prediction
        self.edited = None
        self._direction_key = None

    def clean_view(self) -> CleanView:
        assert self.clean is not None and self.clean_prediction is not None and self.model
        return CleanView(img.to_uint8(self.clean[0]), self.clean_prediction, self.model.spec.name)

    # -- direction --------------------------------------------------------
    def set_direction(self, kind: str, target: int | None = None, seed: int = 0) -> None:
        """Choose FGSM (towards ``target`` if given) or random ±1 noise with ``seed``."""
        if kind not in DIRECTIONS:
            raise ParameterError(
                "Unknown direction '{kind}'; use one of {directions}.",
                kind=kind, directions=', '.join(DIRECTIONS)
            )
        self.direction_kind, self.target, self.seed = kind, target, int(seed)

    def direction(self) -> torch.Tensor:
        """The current ±1 direction, computed once per image/model/kind/target/seed."""
        self._require_model()
        assert self.model is not None and self.clean is not None and self.clean_prediction
        key = (id(self.model), id(self.clean), self.direction_kind, self.target, self.seed)
        if self._direction is None or self._direction_key != key:
            if self.direction_kind == "noise":
                d = random_sign(self.clean.shape, self.seed).to(self.device)
            else:
                labels = torch.tensor([self.clean_prediction.index], device=self.device)
                targets = (
                    None if self.target is None else torch.tensor([self.target], device=self.device)
                )
                d = fgsm_direction(self.model, self.clean, labels, targets)
            self._direction, self._direction_key = d, key
        return self._direction

    # -- pixel edits ------------------------------------------------------
    def set_edits(self, rgb: np.ndarray | None) -> None:
        """Use ``rgb`` (uint8, the clean image with hand-edited pixels) as the base, or the clean."""
        assert self.clean is not None
        if rgb is None:
            self.edited = None
            return
        size = self.clean.shape[-1]
        if rgb.shape != (size, size, 3) or rgb.dtype != np.uint8:
            raise ParameterError(
                "Edited image is {shape} {dtype}; the model needs ({size}, {size}, 3) uint8. "
                "Reset the pixel edits and try again.",
                shape=rgb.shape, dtype=rgb.dtype, size=size
            )
        self.edited = img.to_tensor(rgb).unsqueeze(0).to(self.device)

    def base(self) -> torch.Tensor:
        """What η·d is added to: the clean image, with the user's pixel edits if any."""
        assert self.clean is not None
        return self.clean if self.edited is None else self.edited

    # -- the live query ---------------------------------------------------
    def adversarial(self, eta: float) -> torch.Tensor:
        """clip(base + η·d, 0, 1) for the current direction, (1, 3, S, S) on the device."""
        if not 0.0 <= eta <= 1.0:
            raise ParameterError("η = {eta:g} is outside [0, 1] pixel units.", eta=eta)
        assert self.clean is not None
        direction = self.direction()
        return perturb(self.base().clone(), direction, eta)

    @torch.no_grad()
    def update(self, eta: float) -> LiveUpdate:
        """The adversarial image at η and its prediction: one forward pass (on the model's
        inference twin once `warm_inference` has built it)."""
        start = time.perf_counter()
        adversarial = self.adversarial(eta)
        assert self.model is not None and self.clean is not None and self.clean_prediction
        logits = self._inference(adversarial)
        prediction = from_logits(logits, labels=model_labels(self.model))[0]
        probs = torch.softmax(logits.detach().double(), dim=1)[0].cpu().numpy()
        delta = (adversarial - self.clean)[0]
        amplification = img.noise_amplification(delta)
        return LiveUpdate(
            eta=float(eta),
            direction=self.direction_kind,
            target=self.target,
            adversarial_rgb=img.to_uint8(adversarial[0]),
            noise_rgb=img.noise_view(delta, amplification),
            amplification=amplification,
            prediction=prediction,
            clean_index=self.clean_prediction.index,
            seconds=time.perf_counter() - start,
            target_label="" if self.target is None else label_of(self.target,
                                                                 model_labels(self.model)),
            probs=probs,
        )

    def _inference(self, images: torch.Tensor) -> torch.Tensor:
        """Logits from the model's inference twin once `warm_inference` has built it (until
        then from the model itself, so the first prediction does not wait for the build)."""
        assert self.model is not None
        if self._forward is not None and self._forward_key == self._inference_key(images):
            return self._forward(images)
        return self.model(images)

    def _inference_key(self, images: torch.Tensor) -> tuple:
        return (str(self.device), tuple(images.shape))  # set_model/set_device reset _forward

    def warm_inference(self) -> bool:
        """Build (or look up) the inference twin for the current model, device and image
        size: ~0.5 s once for Lite0 on a CPU, after which a live update's forward is about
        twice as fast. Looked up once here, not per update (that checks every weight:
        0.6 ms on Lite0). Returns whether there was anything to do."""
        if self.model is None or self.clean is None:
            return False
        key = self._inference_key(self.clean)
        if self._forward is not None and self._forward_key == key:
            return False
        with torch.no_grad():
            self._forward, self._forward_key = query_forward(self.model, self.clean), key
        return True

    @torch.no_grad()
    def saved_prediction(self, eta: float) -> Prediction:
        """The prediction for the adversarial image as an 8-bit file would hold it."""
        assert self.model is not None
        return predict(self.model, img.quantize(self.adversarial(eta)))[0]

    def _require_model(self) -> None:
        if self.model is None:
            raise ParameterError("No model is loaded yet; choose a model first.")
