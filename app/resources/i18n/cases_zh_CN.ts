<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BoxPanel</name>
    <message>
        <source>Inspection box</source>
        <translation>检测盒</translation>
    </message>
    <message>
        <source>Run the box</source>
        <translation>运行检测盒</translation>
    </message>
    <message>
        <source>Plug the phone into the box, then run it</source>
        <translation>将手机接入检测盒，然后运行</translation>
    </message>
    <message>
        <source>The box is testing the phone…</source>
        <translation>检测盒正在检测手机…</translation>
    </message>
    <message>
        <source>Report %1</source>
        <translation>报告 %1</translation>
    </message>
    <message>
        <source>Battery: %1 cycles, %2 %</source>
        <translation>电池：循环 %1 次，健康度 %2 %</translation>
    </message>
    <message>
        <source>Claimed defect reproduced (%1 failed)</source>
        <translation>所报故障已复现（%1 未通过）</translation>
    </message>
    <message>
        <source>Claimed defect NOT reproduced (%1 passed)</source>
        <translation>所报故障未复现（%1 通过）</translation>
    </message>
    <message>
        <source>The box cannot tell whether the claimed defect is there (%1)</source>
        <translation>检测盒无法判断所报故障是否存在（%1）</translation>
    </message>
</context>
<context>
    <name>CasesScreen</name>
    <message>
        <source>Open cases</source>
        <translation>待处理售后单</translation>
    </message>
    <message>
        <source>After-sale cases</source>
        <translation>售后</translation>
    </message>
    <message>
        <source>Scan the return parcel&apos;s waybill, the certificate QR or the tag</source>
        <translation>请扫描退货包裹运单、证书二维码或物品标签</translation>
    </message>
    <message>
        <source>Waybill, certificate QR or tag (or scan)</source>
        <translation>运单号、证书二维码或标签（或扫描）</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>收件</translation>
    </message>
    <message>
        <source>Parcel damaged</source>
        <translation>包裹破损</translation>
    </message>
    <message>
        <source>Receive without a parcel (piece never left)</source>
        <translation>无包裹收件（物品未离开仓库）</translation>
    </message>
    <message>
        <source>Re-inspection</source>
        <translation>复检</translation>
    </message>
    <message>
        <source>Start re-inspection</source>
        <translation>开始复检</translation>
    </message>
    <message>
        <source>Same piece</source>
        <translation>是否同一件</translation>
    </message>
    <message>
        <source>Reason, when you differ from the comparison</source>
        <translation>与比对结论不同时须填写原因</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Defect reproduced by the box function test</source>
        <translation>检测箱功能测试复现了故障</translation>
    </message>
    <message>
        <source>The certificate called this function working</source>
        <translation>证书记载该功能正常</translation>
    </message>
    <message>
        <source>Damage after sale (drop, liquid, opened)</source>
        <translation>售后损坏（摔落、进液、拆修）</translation>
    </message>
    <message>
        <source>Passes (genuine, as declared)</source>
        <translation>通过（正品，与申报相符）</translation>
    </message>
    <message>
        <source>Fails</source>
        <translation>不通过</translation>
    </message>
    <message>
        <source>Blind re-appraisal</source>
        <translation>盲检结论</translation>
    </message>
    <message>
        <source>Record re-inspection</source>
        <translation>记录复检结果</translation>
    </message>
    <message>
        <source>Decision (not by the inspector)</source>
        <translation>裁定（须由复检人以外的人）</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>裁定</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Decide</source>
        <translation>裁定</translation>
    </message>
    <message>
        <source>The piece</source>
        <translation>物品去向</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>处置</translation>
    </message>
    <message>
        <source>Outbound waybill (not for a hold)</source>
        <translation>出库运单号（留存时不填）</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>No case open.</source>
        <translation>未打开售后单。</translation>
    </message>
    <message>
        <source>Certificate %1, certified %2</source>
        <translation>证书 %1，出证日期 %2</translation>
    </message>
    <message>
        <source>Within the 180-day warranty</source>
        <translation>在 180 天保修期内</translation>
    </message>
    <message>
        <source>Outside the 180-day warranty</source>
        <translation>已超出 180 天保修期</translation>
    </message>
    <message>
        <source>Return waybill: %1</source>
        <translation>退货运单：%1</translation>
    </message>
    <message>
        <source>Statement: %1</source>
        <translation>陈述：%1</translation>
    </message>
    <message>
        <source>The platform cancelled this case: stop work on it and hand the piece to a supervisor</source>
        <translation>平台已取消该售后单：请停止处理并将物品交主管</translation>
    </message>
</context>
<context>
    <name>ComparisonView</name>
    <message>
        <source>No comparison yet</source>
        <translation>尚未比对</translation>
    </message>
    <message>
        <source>Fact</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Certified</source>
        <translation>认证时</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>现测</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Photos: certified (left) and now (right), matching features joined</source>
        <translation>照片：认证时（左）与现拍（右），连线为匹配的特征点</translation>
    </message>
    <message>
        <source>Not photographed again</source>
        <translation>未重新拍摄</translation>
    </message>
    <message>
        <source>similarity %1, %2 matches</source>
        <translation>相似度 %1，匹配点 %2 个</translation>
    </message>
    <message>
        <source>Proposed: the same piece as certified</source>
        <translation>建议：与认证的是同一件</translation>
    </message>
    <message>
        <source>Proposed: NOT the piece that was certified</source>
        <translation>建议：不是认证的那一件</translation>
    </message>
    <message>
        <source>Proposed: cannot tell whether it is the certified piece</source>
        <translation>建议：无法判断是否为认证的那一件</translation>
    </message>
    <message>
        <source>Same</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>Different</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>Cannot tell</source>
        <translation>无法判断</translation>
    </message>
    <message>
        <source>Front</source>
        <translation>正面</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>背面</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>侧面</translation>
    </message>
    <message>
        <source>Hallmark</source>
        <translation>印记</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>包装</translation>
    </message>
    <message>
        <source>Screen on</source>
        <translation>亮屏</translation>
    </message>
    <message>
        <source>screen</source>
        <translation>屏幕</translation>
    </message>
    <message>
        <source>battery</source>
        <translation>电池</translation>
    </message>
    <message>
        <source>rear camera</source>
        <translation>后摄像头</translation>
    </message>
    <message>
        <source>front camera</source>
        <translation>前摄像头</translation>
    </message>
    <message>
        <source>Face ID</source>
        <translation>面容 ID</translation>
    </message>
    <message>
        <source>Touch ID</source>
        <translation>触控 ID</translation>
    </message>
    <message>
        <source>logic board</source>
        <translation>主板</translation>
    </message>
    <message>
        <source>Mass (g)</source>
        <translation>质量（g）</translation>
    </message>
    <message>
        <source>Specific gravity</source>
        <translation>比重</translation>
    </message>
    <message>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <source>IMEI 2</source>
        <translation>IMEI 2</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Storage (GB)</source>
        <translation>存储容量（GB）</translation>
    </message>
    <message>
        <source>Battery charge cycles</source>
        <translation>电池循环次数</translation>
    </message>
    <message>
        <source>Battery health (%)</source>
        <translation>电池健康度（%）</translation>
    </message>
    <message>
        <source>Length (mm)</source>
        <translation>长度（mm）</translation>
    </message>
    <message>
        <source>Width (mm)</source>
        <translation>宽度（mm）</translation>
    </message>
    <message>
        <source>Depth (mm)</source>
        <translation>厚度（mm）</translation>
    </message>
    <message>
        <source>Photo: %1</source>
        <translation>照片：%1</translation>
    </message>
    <message>
        <source>Part %1: serial</source>
        <translation>部件%1：序列号</translation>
    </message>
    <message>
        <source>Part %1: originality</source>
        <translation>部件%1：是否原装</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>certified photo %1</source>
        <translation>认证照片 %1</translation>
    </message>
    <message>
        <source>similarity %1</source>
        <translation>相似度 %1</translation>
    </message>
    <message>
        <source>original</source>
        <translation>原装</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>已更换</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>PhotosPanel</name>
    <message>
        <source>Photograph the certified views</source>
        <translation>按证书视角拍照</translation>
    </message>
    <message>
        <source>No camera preview</source>
        <translation>无相机画面</translation>
    </message>
    <message>
        <source>Take %1</source>
        <translation>拍摄%1</translation>
    </message>
    <message>
        <source>Taking the photo…</source>
        <translation>正在拍照…</translation>
    </message>
    <message>
        <source>Retake %1</source>
        <translation>重拍%1</translation>
    </message>
    <message>
        <source>Photo taken: %1</source>
        <translation>已拍摄：%1</translation>
    </message>
</context>
<context>
    <name>ReinspectPanel</name>
    <message>
        <source>Compare with the certificate</source>
        <translation>与证书比对</translation>
    </message>
    <message>
        <source>No certified fingerprint for this piece: nothing to compare with</source>
        <translation>该物品没有出证时的指纹记录，无法比对</translation>
    </message>
</context>
<context>
    <name>WeighPanel</name>
    <message>
        <source>Weigh</source>
        <translation>称重</translation>
    </message>
    <message>
        <source>NO READING</source>
        <translation>无读数</translation>
    </message>
    <message>
        <source>Take stable weight</source>
        <translation>采用稳定读数</translation>
    </message>
    <message>
        <source>Not weighed</source>
        <translation>尚未称重</translation>
    </message>
    <message>
        <source>No balance is configured at this station</source>
        <translation>本工作站没有配置天平</translation>
    </message>
    <message>
        <source>● STABLE</source>
        <translation>● 稳定</translation>
    </message>
    <message>
        <source>○ UNSTABLE</source>
        <translation>○ 不稳定</translation>
    </message>
    <message>
        <source>Balance check current</source>
        <translation>天平检查有效</translation>
    </message>
    <message>
        <source>No reading from the balance yet.</source>
        <translation>天平尚无读数。</translation>
    </message>
    <message>
        <source>The reading is not stable yet; wait for the STABLE sign.</source>
        <translation>读数尚未稳定，请等待“稳定”标志。</translation>
    </message>
    <message>
        <source>Taken: %1 g ± %2 g</source>
        <translation>已采用：%1 g ± %2 g</translation>
    </message>
</context>
</TS>
