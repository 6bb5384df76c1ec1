#!/usr/bin/python3
"""A live test camera: GStreamer's RTSP server streaming videotestsrc as H.264.

usage: gst-rtsp-server.py PORT [PATH]
Prints "READY <port>" on stdout once it listens; exits on SIGTERM/SIGINT.
"""
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

port = sys.argv[1] if len(sys.argv) > 1 else "8554"
mount = sys.argv[2] if len(sys.argv) > 2 else "/test"

Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_service(port)
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(
    "( videotestsrc is-live=true pattern=smpte ! video/x-raw,width=640,height=360,framerate=25/1 "
    "! clockoverlay ! x264enc tune=zerolatency key-int-max=25 speed-preset=ultrafast bitrate=800 "
    "! rtph264pay name=pay0 pt=96 config-interval=1 )"
)
factory.set_shared(True)
server.get_mount_points().add_factory(mount, factory)
server.attach(None)
loop = GLib.MainLoop()
GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, loop.quit)
print("READY", port, flush=True)
loop.run()
