<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>GradingPanel</name>
    <message>
        <source>Cosmetic grade (the box cannot see scratches)</source>
        <translation>外观成色（检测盒看不到划痕）</translation>
    </message>
    <message>
        <source>What you see on the body</source>
        <translation>机身外观所见</translation>
    </message>
    <message>
        <source>Photos from the station camera</source>
        <translation>工位相机拍照</translation>
    </message>
    <message>
        <source>Take %1</source>
        <translation>拍摄%1</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>未拍</translation>
    </message>
    <message>
        <source>I checked the amber items in the report by hand</source>
        <translation>报告中黄色项目我已人工核对</translation>
    </message>
    <message>
        <source>Record result</source>
        <translation>记录结果</translation>
    </message>
    <message>
        <source>Fail for a defect the box cannot see</source>
        <translation>检测盒看不到的缺陷：判不合格</translation>
    </message>
    <message>
        <source>(choose the defect)</source>
        <translation>（选择缺陷）</translation>
    </message>
    <message>
        <source>Where and how large</source>
        <translation>位置与大小</translation>
    </message>
    <message>
        <source>Photograph the defect</source>
        <translation>拍摄缺陷照片</translation>
    </message>
    <message>
        <source>Fail: defect → reject</source>
        <translation>不合格：缺陷 → 拒收</translation>
    </message>
    <message>
        <source>Defect</source>
        <translation>缺陷</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>taken</source>
        <translation>已拍</translation>
    </message>
    <message>
        <source>Warranty: %1 days from certification (until %2 if certified today), stored on the result.</source>
        <translation>保修：自出证之日起 %1 天（今天出证则至 %2），随结果保存。</translation>
    </message>
    <message>
        <source>Record PASS → review</source>
        <translation>记录合格 → 送复核</translation>
    </message>
    <message>
        <source>Record FAIL (%1) → reject</source>
        <translation>记录不合格（%1）→ 拒收</translation>
    </message>
    <message>
        <source>No report yet.</source>
        <translation>尚无检测报告。</translation>
    </message>
    <message>
        <source>Choose the cosmetic grade (keys 1–5).</source>
        <translation>请选择外观成色（数字键 1–5）。</translation>
    </message>
    <message>
        <source>Take the missing photos first.</source>
        <translation>请先拍齐照片。</translation>
    </message>
    <message>
        <source>Confirm the amber items by hand first.</source>
        <translation>请先人工核对黄色项目。</translation>
    </message>
</context>
<context>
    <name>PhoneInspectionScreen</name>
    <message>
        <source>Phone inspection</source>
        <translation>手机检测</translation>
    </message>
    <message>
        <source>Scan a phone&apos;s tag to begin.</source>
        <translation>扫描手机的标签开始。</translation>
    </message>
    <message>
        <source>Scan or type the phone&apos;s tag</source>
        <translation>扫描或输入手机标签</translation>
    </message>
    <message>
        <source>Start inspection</source>
        <translation>开始检测</translation>
    </message>
    <message>
        <source>Cancel inspection</source>
        <translation>取消检测</translation>
    </message>
    <message>
        <source>Scan a phone&apos;s tag, then plug the phone into the inspection box.</source>
        <translation>扫描手机标签，然后把手机插入检测盒。</translation>
    </message>
    <message>
        <source>An inspection is running; cancel it before scanning another phone.</source>
        <translation>正在检测中；请先取消，再扫描另一台手机。</translation>
    </message>
    <message>
        <source>Revision %1 recorded by %2; shown read-only.</source>
        <translation>第 %1 版由 %2 记录；只读显示。</translation>
    </message>
    <message>
        <source>This phone was inspected before; the latest report is shown. Press Start inspection to inspect it again.</source>
        <translation>这台手机已检测过，显示的是最近一次报告。如需重新检测，请点“开始检测”。</translation>
    </message>
    <message>
        <source>Waiting for the box report…</source>
        <translation>等待检测盒报告…</translation>
    </message>
    <message>
        <source>Plug the phone into the inspection box; the test starts by itself.</source>
        <translation>请把手机插入检测盒，检测会自动开始。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>机身信息</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>电池</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>配件</translation>
    </message>
    <message>
        <source>Locks</source>
        <translation>锁状态</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Inspecting… keep the phone plugged in.</source>
        <translation>检测中…请勿拔出手机。</translation>
    </message>
    <message>
        <source>No answer in time: the box records that step as skipped.</source>
        <translation>未在时限内回答：检测盒将该步骤记为跳过。</translation>
    </message>
    <message>
        <source>The phone was unplugged: this inspection ends and nothing is recorded.</source>
        <translation>手机已拔出：本次检测结束，不记录任何结果。</translation>
    </message>
    <message>
        <source>Nothing was recorded.</source>
        <translation>未记录任何结果。</translation>
    </message>
    <message>
        <source>Report received; saving…</source>
        <translation>已收到报告，正在保存…</translation>
    </message>
    <message>
        <source>Report saved. The rules fail this phone: %1</source>
        <translation>报告已保存。规则判定不合格：%1</translation>
    </message>
    <message>
        <source>Report saved. Choose the cosmetic grade, take the photos, record the result.</source>
        <translation>报告已保存。请选择成色、拍照，然后记录结果。</translation>
    </message>
    <message>
        <source>Result recorded: the phone goes to review.</source>
        <translation>结果已记录：手机送复核。</translation>
    </message>
    <message>
        <source>Result recorded: the phone is rejected and goes back to the merchant.</source>
        <translation>结果已记录：手机已拒收，将退回商家。</translation>
    </message>
</context>
<context>
    <name>PromptPanel</name>
    <message>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不通过</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Answer with the keyboard: Enter = pass, F = fail, S = skip.</source>
        <translation>可用键盘作答：回车 = 通过，F = 不通过，S = 跳过。</translation>
    </message>
    <message>
        <source>The box asks (%1):</source>
        <translation>检测盒提问（%1）：</translation>
    </message>
    <message>
        <source>%1 s left; without an answer the box records the step as skipped</source>
        <translation>剩余 %1 秒；不作答时检测盒将此步记为跳过</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <source>Scan a phone&apos;s tag, then plug the phone into the inspection box.</source>
        <translation>扫描手机标签，然后把手机插入检测盒。</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>未读到</translation>
    </message>
    <message>
        <source>Rules say: FAIL (%1)</source>
        <translation>规则判定：不合格（%1）</translation>
    </message>
    <message>
        <source>Rules say: pass</source>
        <translation>规则判定：合格</translation>
    </message>
    <message>
        <source>No finding: identity, locks and declaration agree.</source>
        <translation>无异常：身份、锁状态与申报一致。</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Storage (GB)</source>
        <translation>存储容量（GB）</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <source>not declared</source>
        <translation>未申报</translation>
    </message>
    <message>
        <source>differs</source>
        <translation>不符</translation>
    </message>
    <message>
        <source>check by hand</source>
        <translation>需人工核对</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>IMEI at first inspection</source>
        <translation>首次检测 IMEI</translation>
    </message>
    <message>
        <source>same phone</source>
        <translation>同一台手机</translation>
    </message>
    <message>
        <source>another phone</source>
        <translation>不是同一台手机</translation>
    </message>
    <message>
        <source>Declared by the merchant vs found by the box</source>
        <translation>商家申报 与 检测盒实测 对照</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>商家申报</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>检测盒</translation>
    </message>
    <message>
        <source>check digit OK</source>
        <translation>校验位正确</translation>
    </message>
    <message>
        <source>WRONG check digit</source>
        <translation>校验位错误</translation>
    </message>
    <message>
        <source>Model number</source>
        <translation>型号代码</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>机身信息</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康度</translation>
    </message>
    <message>
        <source>Charge cycles</source>
        <translation>充电次数</translation>
    </message>
    <message>
        <source>Capacity (mAh)</source>
        <translation>容量（mAh）</translation>
    </message>
    <message>
        <source>Original battery</source>
        <translation>原装电池</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>电池</translation>
    </message>
    <message>
        <source>Parts (originality)</source>
        <translation>配件（是否原装）</translation>
    </message>
    <message>
        <source>not read: confirm by hand</source>
        <translation>未读到：须人工确认</translation>
    </message>
    <message>
        <source>ON</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Activation lock</source>
        <translation>激活锁</translation>
    </message>
    <message>
        <source>MDM (device management)</source>
        <translation>MDM（企业管理锁）</translation>
    </message>
    <message>
        <source>Carrier lock</source>
        <translation>运营商网络锁</translation>
    </message>
    <message>
        <source>Jailbroken / rooted</source>
        <translation>越狱 / root</translation>
    </message>
    <message>
        <source>Liquid damage</source>
        <translation>进水痕迹</translation>
    </message>
    <message>
        <source>Locks and flags</source>
        <translation>锁与标记</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>Function tests</source>
        <translation>功能检测</translation>
    </message>
    <message>
        <source>Not tested: %1</source>
        <translation>未测试：%1</translation>
    </message>
    <message>
        <source>Nothing to disclose.</source>
        <translation>无需披露的事项。</translation>
    </message>
    <message>
        <source>Printed on the certificate (not hidden)</source>
        <translation>将印在证书上（不隐瞒）</translation>
    </message>
    <message>
        <source>firmware</source>
        <translation>固件</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Source of these values</source>
        <translation>数据来源</translation>
    </message>
</context>
</TS>
