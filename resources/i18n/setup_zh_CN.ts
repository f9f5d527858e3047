<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DemoMode</name>
    <message>
        <source> (simulated)</source>
        <translation>（模拟）</translation>
    </message>
    <message>
        <source>DEMO — simulated devices, local test platform, not for real pieces</source>
        <translation>演示模式 — 模拟设备、本机测试平台，不得用于真实物品</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>演示模式</translation>
    </message>
</context>
</TS>
