"""The inference twin used for black-box queries: same answers, or no twin at all."""

from __future__ import annotations

import torch
from torch import nn

from advlab.core.models import Classifier, ModelSpec
from advlab.core.models import inference
from advlab.core.models.inference import query_forward


def classifier(net, size=32):
    return Classifier(net, ModelSpec(name="t", title="t", source="file", input_size=size))


def test_the_twin_gives_the_eager_logits_of_the_real_model(lite0, coffee_224):
    x = torch.cat([coffee_224, torch.rand(2, 3, 224, 224, generator=torch.Generator().manual_seed(3))])
    forward = query_forward(lite0, x)
    assert forward is not lite0.__call__, "Lite0 traces: it should get a twin"
    with torch.no_grad():
        expected, got = lite0(x), forward(x)
    assert torch.allclose(got, expected, atol=1e-4, rtol=1e-4)
    assert torch.equal(got.argmax(1), expected.argmax(1))
    twin = inference._twins[lite0]
    query_forward(lite0, x[:1])
    assert inference._twins[lite0] is twin, "built once per model and input shape"
    assert not any(p.grad is not None for p in lite0.parameters())


def test_a_model_whose_trace_is_wrong_runs_eagerly():
    class BatchDependent(nn.Module):
        """Tracing bakes in the branch taken for one image: the probe of two catches it."""

        def __init__(self):
            super().__init__()
            self.linear = nn.Linear(3, 1000)

        def forward(self, x):
            pooled = x.mean(dim=(2, 3))
            return self.linear(pooled) * (2.0 if x.shape[0] == 1 else 1.0)

    model = classifier(BatchDependent())
    x = torch.rand(3, 3, 32, 32)
    assert query_forward(model, x) == model.__call__


def test_a_model_that_cannot_be_traced_runs_eagerly():
    class ReturnsDict(nn.Module):
        def forward(self, x):
            return {"logits": x.mean(dim=(2, 3)).repeat(1, 334)[:, :1000]}

    model = classifier(ReturnsDict())
    assert query_forward(model, torch.rand(2, 3, 32, 32)) == model.__call__


def test_other_modules_are_called_as_they_are(tiny_model):
    wrapper = nn.Sequential(tiny_model)
    assert query_forward(wrapper, torch.rand(1, 3, 32, 32)) == wrapper.__call__


def test_the_twin_follows_edited_weights(tiny_model):
    x = torch.rand(4, 3, 32, 32, generator=torch.Generator().manual_seed(5))
    before = query_forward(tiny_model, x)(x)
    with torch.no_grad():
        tiny_model.net[-1].bias.add_(torch.arange(1000.0))
        expected = tiny_model(x)
    after = query_forward(tiny_model, x)(x)
    assert not torch.allclose(before, after)
    assert torch.allclose(after, expected, atol=1e-4, rtol=1e-4)
