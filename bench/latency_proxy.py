"""A TCP proxy on loopback that makes a database look like it is across a warehouse LAN:
every byte the client sends reaches the server ``delay_ms`` after it arrived, so each
round trip costs that much more (once per round trip, however many chunks it is sent in). It also counts round trips (a client message
after the server's answer starts a new one), per connection and in total.

    python bench/latency_proxy.py --target 127.0.0.1:5432 --delay-ms 1

prints ``listening on <port> control <port>``; a connection to the control port answers
the total round-trip count as a line of text (and resets it when sent ``reset\\n``). It
runs in its own process so its work never competes with the measured one for the GIL.
"""

from __future__ import annotations

import argparse
import asyncio
import sys


class Counter:
    def __init__(self) -> None:
        self.round_trips = 0


async def pipe(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    delay_s: float,
    counter: Counter | None,
    turn: list[bool],
) -> None:
    """Copy one direction. Client -> server: each chunk is handed to the server ``delay_s``
    after it arrived (a timer per chunk, in arrival order) while reading goes on. So a
    message the client sends in several chunks (or several messages sent without waiting,
    as in a pipeline) costs the delay once, as one trip across a LAN does, not once per
    chunk; only a message sent after the server's answer (a new round trip) waits again."""
    loop = asyncio.get_running_loop()
    delayed = counter is not None and delay_s > 0
    last = 0.0
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            if counter is not None:  # client -> server
                if turn[0]:  # the server spoke since the client last did: a new round trip
                    counter.round_trips += 1
                    turn[0] = False
            else:
                turn[0] = True
            if delayed:
                # Strictly increasing times keep the timers (and so the bytes) in order.
                last = max(loop.time() + delay_s, last + 1e-6)
                loop.call_at(last, _write, writer, data)
            else:
                writer.write(data)
                await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        if delayed and last > loop.time():
            loop.call_at(last + 1e-6, writer.close)
        else:
            writer.close()


def _write(writer: asyncio.StreamWriter, data: bytes) -> None:
    if not writer.is_closing():
        writer.write(data)


async def main(target: str, delay_ms: float, port: int, control_port: int) -> None:
    host, tport = target.rsplit(":", 1)
    counter = Counter()

    async def handle(cr: asyncio.StreamReader, cw: asyncio.StreamWriter) -> None:
        sr, sw = await asyncio.open_connection(host, int(tport))
        turn = [True]
        await asyncio.gather(pipe(cr, sw, delay_ms / 1000, counter, turn), pipe(sr, cw, 0, None, turn))

    async def control(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        line = await r.readline()
        w.write(f"{counter.round_trips}\n".encode())
        if line.strip() == b"reset":
            counter.round_trips = 0
        await w.drain()
        w.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port)
    ctl = await asyncio.start_server(control, "127.0.0.1", control_port)
    print(f"listening on {server.sockets[0].getsockname()[1]} control {ctl.sockets[0].getsockname()[1]}", flush=True)
    await asyncio.gather(server.serve_forever(), ctl.serve_forever())


def round_trips(control_port: int, reset: bool = False) -> int:
    import socket

    with socket.create_connection(("127.0.0.1", control_port)) as s:
        s.sendall(b"reset\n" if reset else b"read\n")
        return int(s.makefile().readline())


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", default="127.0.0.1:5432")
    ap.add_argument("--delay-ms", type=float, default=1.0)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--control-port", type=int, default=0)
    args = ap.parse_args()
    try:
        asyncio.run(main(args.target, args.delay_ms, args.port, args.control_port))
    except KeyboardInterrupt:
        sys.exit(0)
