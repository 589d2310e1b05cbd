#!/usr/bin/env python3
"""PyTorch peer of bench/engine-bench.mjs: the issue's two training workloads, timed in PyTorch.

  python3 bench/torch_engine.py w1|w2 --dtype float64|float32 [--repeats N]

Prints one JSON line {"workload", "dtype", "seconds": best, "all": [...], "torch", "threads",
"finalLoss"}. PyTorch runs on ONE thread (torch.set_num_threads(1)): initlab's training is one
thread per run. Only the training loop and its evaluations are timed (time.perf_counter), not data
generation or network construction.

W1 deep: 30 hidden ReLU layers of width 64 on 2-D inputs (moons-sized: 375 train / 125 test), one
sigmoid unit with binary cross-entropy, He-normal weights, zero biases, SGD with momentum 0.9 (PyTorch's
SGD(momentum=0.9), which initlab's 'momentum' matches), lr 0.003, batch 64 from a fresh permutation
every epoch, 2000 updates; loss and accuracy on the train and test sets every 250 updates and at the
end (as initlab's logEvery 250 does).

W2 MLP: 784-256-128-10 ReLU, softmax cross-entropy, plain SGD lr 0.01, batch 128, one epoch of
10,000 samples (79 updates); loss and accuracy on the train set (10,000) and the test set (2,500)
at the start and at the end.

The data are random (timing only; the arithmetic per update does not depend on the values).
"""
import argparse
import json
import sys
import time

try:
    import torch
except ImportError as e:
    raise SystemExit("torch_engine.py needs torch (%s); apt-get install -y python3-torch" % e)


def mlp(sizes, dtype):
    layers = []
    for i in range(len(sizes) - 1):
        lin = torch.nn.Linear(sizes[i], sizes[i + 1], dtype=dtype)
        torch.nn.init.kaiming_normal_(lin.weight, nonlinearity="relu")
        torch.nn.init.zeros_(lin.bias)
        layers.append(lin)
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def evaluate(net, loss_fn, x, y, binary):
    with torch.no_grad():
        z = net(x)
        loss = loss_fn(z, y).item()
        if binary:
            acc = ((z > 0).to(y.dtype) == y).to(torch.float64).mean().item()
        else:
            acc = (z.argmax(1) == y).to(torch.float64).mean().item()
    return loss, acc


def run_w1(dtype):
    g = torch.Generator().manual_seed(0)
    xtr = torch.randn(375, 2, generator=g, dtype=dtype)
    ytr = (torch.rand(375, 1, generator=g) > 0.5).to(dtype)
    xte = torch.randn(125, 2, generator=g, dtype=dtype)
    yte = (torch.rand(125, 1, generator=g) > 0.5).to(dtype)
    torch.manual_seed(0)
    net = mlp([2] + [64] * 30 + [1], dtype)
    opt = torch.optim.SGD(net.parameters(), lr=0.003, momentum=0.9)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    start = time.perf_counter()
    evaluate(net, loss_fn, xtr, ytr, True)
    evaluate(net, loss_fn, xte, yte, True)
    k = 0
    perm = torch.randperm(375, generator=g)
    pos = 0
    while k < 2000:
        if pos >= 375:
            perm = torch.randperm(375, generator=g)
            pos = 0
        idx = perm[pos:pos + 64]
        pos += 64
        opt.zero_grad()
        loss = loss_fn(net(xtr[idx]), ytr[idx])
        loss.backward()
        opt.step()
        k += 1
        if k % 250 == 0:
            evaluate(net, loss_fn, xtr, ytr, True)
            evaluate(net, loss_fn, xte, yte, True)
    seconds = time.perf_counter() - start
    return seconds, evaluate(net, loss_fn, xtr, ytr, True)[0]


def run_w2(dtype):
    g = torch.Generator().manual_seed(0)
    xtr = torch.randn(10000, 784, generator=g, dtype=dtype)
    ytr = torch.randint(0, 10, (10000,), generator=g)
    xte = torch.randn(2500, 784, generator=g, dtype=dtype)
    yte = torch.randint(0, 10, (2500,), generator=g)
    torch.manual_seed(0)
    net = mlp([784, 256, 128, 10], dtype)
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    start = time.perf_counter()
    evaluate(net, loss_fn, xtr, ytr, False)
    evaluate(net, loss_fn, xte, yte, False)
    perm = torch.randperm(10000, generator=g)
    for pos in range(0, 10000, 128):
        idx = perm[pos:pos + 128]
        opt.zero_grad()
        loss = loss_fn(net(xtr[idx]), ytr[idx])
        loss.backward()
        opt.step()
    final = evaluate(net, loss_fn, xtr, ytr, False)
    evaluate(net, loss_fn, xte, yte, False)
    seconds = time.perf_counter() - start
    return seconds, final[0]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("workload", choices=["w1", "w2"])
    p.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    p.add_argument("--repeats", type=int, default=3)
    a = p.parse_args()
    torch.set_num_threads(1)
    dtype = torch.float64 if a.dtype == "float64" else torch.float32
    fn = run_w1 if a.workload == "w1" else run_w2
    times = []
    final = None
    for _ in range(a.repeats):
        s, final = fn(dtype)
        times.append(s)
    print(json.dumps({"workload": a.workload, "dtype": a.dtype, "seconds": min(times), "all": times,
                      "torch": torch.__version__, "threads": torch.get_num_threads(), "finalLoss": final}))


if __name__ == "__main__":
    sys.exit(main())
