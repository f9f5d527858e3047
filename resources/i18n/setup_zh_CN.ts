<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CrashReporter</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong that the workstation did not expect. What was saved before stays saved; the step that failed may need to be repeated.

%1

The details were written to the log file:
%2
Please give this file to your supervisor or support.</source>
        <translation>工作站遇到了未预料的问题。之前已保存的内容不受影响；失败的这一步可能需要重做。

%1

详细信息已写入日志文件：
%2
请把此文件交给主管或技术支持。</translation>
    </message>
</context>
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
